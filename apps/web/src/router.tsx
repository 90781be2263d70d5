/** Every screen and its URL. Search parameters are validated, so a pasted link reproduces the view. */
import { goalStatusSchema } from "@convene/domain";
import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
  retainSearchParams,
} from "@tanstack/react-router";
import { z } from "zod";
import { ApiFailure } from "./api.ts";
import { AppShell } from "./components/app-shell.tsx";
import { ErrorMessage } from "./components/states.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { meQuery } from "./queries.ts";

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const tokenSearch = z.object({ token: z.string().catch("") });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  validateSearch: z.object({ redirect: z.string().optional().catch(undefined) }),
  component: lazyRouteComponent(() => import("./pages/sign-in-page.tsx"), "SignInPage"),
});

const linkRoutes = (["setup", "invitation", "reset-password"] as const).map((path) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path: `/${path}`,
    validateSearch: tokenSearch,
    component: lazyRouteComponent(() => import("./pages/link-page.tsx"), "LinkPage"),
  }),
);

/** Everything behind sign-in. The cycle choice travels with every link inside. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  validateSearch: z.object({ cycle: z.coerce.number().int().positive().optional().catch(undefined) }),
  search: { middlewares: [retainSearchParams(["cycle"])] },
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery).catch((e: unknown) => {
      if (e instanceof ApiFailure && e.status === 401) return { user: null };
      throw e;
    });
    if (!me.user) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
  },
  component: AppShell,
  errorComponent: ({ error, reset }) => <ErrorMessage error={error} retry={reset} />,
});

const overviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  component: lazyRouteComponent(() => import("./pages/overview-page.tsx"), "OverviewPage"),
});

export const goalsSearch = z.object({
  theme: z.coerce.number().int().positive().optional().catch(undefined),
  status: goalStatusSchema.optional().catch(undefined),
  org: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().optional().catch(undefined),
  sort: z.string().optional().catch(undefined),
  cols: z.string().optional().catch(undefined),
  bin: z.boolean().optional().catch(undefined),
});

const goalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/goals",
  validateSearch: goalsSearch,
  component: lazyRouteComponent(() => import("./pages/goals-page.tsx"), "GoalsPage"),
});

const newGoalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/goals/new",
  component: lazyRouteComponent(() => import("./pages/goal-form-page.tsx"), "NewGoalPage"),
});

const goalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/goals/$goalId",
  params: { parse: (p) => ({ goalId: Number(p.goalId) }), stringify: (p) => ({ goalId: String(p.goalId) }) },
  component: lazyRouteComponent(() => import("./pages/goal-page.tsx"), "GoalPage"),
});

const editGoalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/goals/$goalId/edit",
  params: { parse: (p) => ({ goalId: Number(p.goalId) }), stringify: (p) => ({ goalId: String(p.goalId) }) },
  component: lazyRouteComponent(() => import("./pages/goal-form-page.tsx"), "EditGoalPage"),
});

export const roadmapSearch = z.object({
  zoom: z.enum(["quarter", "year"]).optional().catch(undefined),
  /** The first day of the visible period (a quarter or a year). */
  at: z.iso.date().optional().catch(undefined),
  view: z.enum(["timeline", "table"]).optional().catch(undefined),
  bin: z.boolean().optional().catch(undefined),
});

const roadmapRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/roadmap",
  validateSearch: roadmapSearch,
  component: lazyRouteComponent(() => import("./pages/roadmap-page.tsx"), "RoadmapPage"),
});

const organisationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/organisations",
  component: lazyRouteComponent(() => import("./pages/organisations-page.tsx"), "OrganisationsPage"),
});

const organisationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/organisations/$orgId",
  params: { parse: (p) => ({ orgId: Number(p.orgId) }), stringify: (p) => ({ orgId: String(p.orgId) }) },
  component: lazyRouteComponent(() => import("./pages/organisation-page.tsx"), "OrganisationPage"),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/account",
  component: lazyRouteComponent(() => import("./pages/account-page.tsx"), "AccountPage"),
});

const adminCyclesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/cycles",
  component: lazyRouteComponent(() => import("./pages/admin-cycles-page.tsx"), "AdminCyclesPage"),
});

const adminAccountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/accounts",
  component: lazyRouteComponent(() => import("./pages/admin-accounts-page.tsx"), "AdminAccountsPage"),
});

const adminAuditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/audit",
  validateSearch: z.object({ entity: z.string().optional().catch(undefined) }),
  component: lazyRouteComponent(() => import("./pages/admin-audit-page.tsx"), "AdminAuditPage"),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  ...linkRoutes,
  appRoute.addChildren([
    overviewRoute,
    goalsRoute,
    newGoalRoute,
    goalRoute,
    editGoalRoute,
    roadmapRoute,
    organisationsRoute,
    organisationRoute,
    accountRoute,
    adminCyclesRoute,
    adminAccountsRoute,
    adminAuditRoute,
  ]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({ routeTree, context: { queryClient }, defaultPreload: "intent", scrollRestoration: true });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
