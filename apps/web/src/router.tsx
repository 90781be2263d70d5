/** Every screen and its URL. Search parameters are validated, so a pasted link reproduces the view. */
import { alertStates, contributionKinds, goalSortKeys, goalStatuses, meetingKinds, milestoneKinds } from "@convene/domain/choices";
import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
  retainSearchParams,
} from "@tanstack/react-router";
import { accessOf, NotAllowed } from "./access.ts";
import { ApiFailure } from "./api.ts";
import { RootLayout } from "./components/root-layout.tsx";
import { RouteError } from "./components/route-error.tsx";
import { chooseCycle } from "./cycle-choice.ts";
import { deliveryStatusQuery } from "./inbox-queries.ts";
import { pageTitle } from "./page-title.ts";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import {
  accountsQuery,
  alertQuery,
  alertsPageFor,
  auditPageFor,
  contributionFilters,
  contributionsQuery,
  cyclesQuery,
  goalPageFilters,
  goalPageQuery,
  goalQuery,
  meetingPagesFor,
  meetingQuery,
  meQuery,
  milestonesPageFor,
  organisationQuery,
  organisationsQuery,
  proposalQuery,
  resourcesQuery,
  roadmapQuery,
  statementQuery,
  themesQuery,
} from "./queries.ts";
import { calendarDay, flag, oneOf, positiveWhole, searchOf, sortOf, text, wholeBetween } from "./search-params.ts";

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  head: () => titled(),
});

const titled = (...parts: (string | null | undefined)[]) => ({ meta: [{ title: pageTitle(...parts) }] });

/** The chosen cycle, loaded before a cycle's page renders, so its title can name it. */
async function loadCycle(queryClient: QueryClient, fromUrl: number | undefined) {
  const cycles = await queryClient.ensureQueryData(cyclesQuery);
  const cycle = chooseCycle(cycles, fromUrl);
  return { cycleName: cycle?.name ?? null, cycleId: cycle?.id };
}

/** A record's name for the title; a record the person cannot see leaves the page to say so. */
async function loadName(name: Promise<string>) {
  return { name: await name.catch(() => null) };
}

/**
 * A list page's data, fetched before it renders. A failure is left for the page to show in its
 * own words, with its Retry button, rather than replacing the page with the route's error.
 */
const prefetched = (loading: Promise<unknown>) =>
  loading.then(
    () => undefined,
    () => undefined,
  );

/** Routes only the convenor may open: anyone else sees why, and no form. */
async function convenorOnly({ context }: { context: { queryClient: QueryClient } }) {
  const me = await context.queryClient.ensureQueryData(meQuery);
  if (!accessOf(me.user).isConvenor) throw new NotAllowed();
}

const tokenSearch = (search: Record<string, unknown>) => ({ token: text(search.token) ?? "" });
const linkTitles = { setup: "Set up Convene", invitation: "Accept your invitation", "reset-password": "Choose a new password" } as const;

const signInSearch = searchOf({ redirect: text });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  validateSearch: signInSearch,
  component: lazyRouteComponent(() => import("./pages/sign-in-page.tsx"), "SignInPage"),
  head: () => titled("Sign in"),
});

const linkRoutes = (["setup", "invitation", "reset-password"] as const).map((path) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path: `/${path}`,
    validateSearch: tokenSearch,
    head: () => titled(linkTitles[path]),
    component: lazyRouteComponent(() => import("./pages/link-page.tsx"), "LinkPage"),
  }),
);

/** Signed in, but two-factor sign-in must be set up first: outside the shell, whose pages the server would refuse. */
const twoFactorRequiredRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/set-up-two-factor",
  validateSearch: signInSearch,
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery).catch((e: unknown) => {
      if (e instanceof ApiFailure && e.status === 401) return { user: null };
      throw e;
    });
    if (!me.user) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
  },
  component: lazyRouteComponent(() => import("./pages/two-factor-required-page.tsx"), "TwoFactorRequiredPage"),
  head: () => titled("Set up two-factor sign-in"),
});

const appSearch = searchOf({ cycle: positiveWhole });

/** Everything behind sign-in. The cycle choice travels with every link inside. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  validateSearch: appSearch,
  search: { middlewares: [retainSearchParams(["cycle"])] },
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery).catch((e: unknown) => {
      if (e instanceof ApiFailure && e.status === 401) return { user: null };
      throw e;
    });
    if (!me.user) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
    // The server refuses everything else until it is set up (403 two_factor_required); go straight to it.
    if (me.user.twoFactorRequired) throw redirect({ to: "/set-up-two-factor", search: { redirect: location.href } });
  },
  // Lazy like the pages: the sign-in page, the first a phone opens, has no use for the shell.
  component: lazyRouteComponent(() => import("./components/app-shell.tsx"), "AppShell"),
  errorComponent: RouteError,
});

const overviewSearch = searchOf({ since: calendarDay });

const overviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  validateSearch: overviewSearch,
  component: lazyRouteComponent(() => import("./pages/overview-page.tsx"), "OverviewPage"),
  loaderDeps: ({ search }) => ({ cycle: search.cycle }),
  loader: ({ context, deps }) => loadCycle(context.queryClient, deps.cycle),
  head: ({ loaderData }) => titled("Overview", loaderData?.cycleName),
});

export const goalsSearch = searchOf({
  theme: positiveWhole,
  status: oneOf(goalStatuses),
  org: positiveWhole,
  q: text,
  sort: sortOf(goalSortKeys),
  cols: text,
  bin: flag,
  /** The page of a server-paged list (1, 2, …), in the URL so a pasted link opens the same page. */
  page: positiveWhole,
});

const goalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/goals",
  validateSearch: goalsSearch,
  component: lazyRouteComponent(() => import("./pages/goals-page.tsx"), "GoalsPage"),
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) => {
    const loaded = await loadCycle(context.queryClient, deps.cycle);
    // The table's page is fetched while the page's code loads; a failure is the page's to show.
    if (loaded.cycleId !== undefined) void context.queryClient.prefetchQuery(goalPageQuery(goalPageFilters(deps, loaded.cycleId)));
    return loaded;
  },
  head: ({ loaderData }) => titled("Goals", loaderData?.cycleName),
});

const newGoalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/goals/new",
  component: lazyRouteComponent(() => import("./pages/goal-form-page.tsx"), "NewGoalPage"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
  loader: async ({ context }) => {
    await Promise.all([context.queryClient.ensureQueryData(themesQuery), context.queryClient.ensureQueryData(organisationsQuery)]);
  },
  head: () => titled("New goal"),
});

const goalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/goals/$goalId",
  params: { parse: (p) => ({ goalId: Number(p.goalId) }), stringify: (p) => ({ goalId: String(p.goalId) }) },
  component: lazyRouteComponent(() => import("./pages/goal-page.tsx"), "GoalPage"),
  // A record the person may not see (or that is gone) is the page's own "not found", not an error.
  loader: ({ context, params }) => loadName(context.queryClient.ensureQueryData(goalQuery(params.goalId)).then((d) => d.goal.title)),
  head: ({ loaderData }) => titled(loaderData?.name ?? "Goal"),
});

const editGoalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/goals/$goalId/edit",
  params: { parse: (p) => ({ goalId: Number(p.goalId) }), stringify: (p) => ({ goalId: String(p.goalId) }) },
  component: lazyRouteComponent(() => import("./pages/goal-form-page.tsx"), "EditGoalPage"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
  // A record the person may not see (or that is gone) is the page's own "not found", not an error.
  loader: ({ context, params }) => loadName(context.queryClient.ensureQueryData(goalQuery(params.goalId)).then((d) => d.goal.title)),
  head: ({ loaderData }) => titled(`Edit ${loaderData?.name ?? "Goal"}`),
});

export const milestonesSearch = searchOf({
  kind: oneOf(milestoneKinds),
  year: wholeBetween(1900, 2200),
  org: positiveWhole,
  order: oneOf(["newest", "oldest"] as const),
  page: positiveWhole,
});

const milestonesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/milestones",
  validateSearch: milestonesSearch,
  component: lazyRouteComponent(() => import("./pages/milestones-page.tsx"), "MilestonesPage"),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchQuery(milestonesPageFor(deps));
    return loadCycle(context.queryClient, deps.cycle);
  },
  head: ({ loaderData }) => titled("Milestones", loaderData?.cycleName),
});

export const roadmapSearch = searchOf({
  zoom: oneOf(["quarter", "year"] as const),
  /** The first day of the visible period (a quarter or a year). */
  at: calendarDay,
  view: oneOf(["timeline", "table"] as const),
  bin: flag,
});

const roadmapRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/roadmap",
  validateSearch: roadmapSearch,
  component: lazyRouteComponent(() => import("./pages/roadmap-page.tsx"), "RoadmapPage"),
  loaderDeps: ({ search }) => ({ cycle: search.cycle }),
  loader: async ({ context, deps }) => {
    const [cycle] = await Promise.all([
      loadCycle(context.queryClient, deps.cycle),
      prefetched(context.queryClient.ensureQueryData(roadmapQuery())),
    ]);
    return cycle;
  },
  head: ({ loaderData }) => titled("Road map", loaderData?.cycleName),
});

const organisationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/organisations",
  component: lazyRouteComponent(() => import("./pages/organisations-page.tsx"), "OrganisationsPage"),
  loader: ({ context }) => prefetched(context.queryClient.ensureQueryData(organisationsQuery)),
  head: () => titled("Organisations"),
});

const organisationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/organisations/$orgId",
  params: { parse: (p) => ({ orgId: Number(p.orgId) }), stringify: (p) => ({ orgId: String(p.orgId) }) },
  component: lazyRouteComponent(() => import("./pages/organisation-page.tsx"), "OrganisationPage"),
  // A record the person may not see (or that is gone) is the page's own "not found", not an error.
  loader: ({ context, params }) =>
    loadName(context.queryClient.ensureQueryData(organisationQuery(params.orgId)).then((d) => d.organisation.name)),
  head: ({ loaderData }) => titled(loaderData?.name ?? "Organisation"),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/account",
  component: lazyRouteComponent(() => import("./pages/account-page.tsx"), "AccountPage"),
  head: () => titled("Your account"),
});

const adminCyclesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/cycles",
  component: lazyRouteComponent(() => import("./pages/admin-cycles-page.tsx"), "AdminCyclesPage"),
  head: () => titled("Cycles and themes"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
});

const adminAccountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/accounts",
  component: lazyRouteComponent(() => import("./pages/admin-accounts-page.tsx"), "AdminAccountsPage"),
  loader: ({ context }) => prefetched(context.queryClient.ensureQueryData(accountsQuery)),
  head: () => titled("Accounts"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
});

const auditSearch = searchOf({ entity: text, page: positiveWhole });

const adminAuditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/audit",
  validateSearch: auditSearch,
  component: lazyRouteComponent(() => import("./pages/admin-audit-page.tsx"), "AdminAuditPage"),
  head: () => titled("Audit log"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => void context.queryClient.prefetchQuery(auditPageFor(deps)),
});

/** The page of past meetings, and of upcoming ones (rarely more than one). */
export const meetingsSearch = searchOf({ kind: oneOf(meetingKinds), page: positiveWhole, upcoming: positiveWhole });

const meetingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/meetings",
  validateSearch: meetingsSearch,
  component: lazyRouteComponent(() => import("./pages/meetings-page.tsx"), "MeetingsPage"),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => {
    const pages = meetingPagesFor(deps);
    void context.queryClient.prefetchQuery(pages.upcoming);
    void context.queryClient.prefetchQuery(pages.past);
    return loadCycle(context.queryClient, deps.cycle);
  },
  head: ({ loaderData }) => titled("Meetings", loaderData?.cycleName),
});

const newMeetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/meetings/new",
  component: lazyRouteComponent(() => import("./pages/meeting-form-page.tsx"), "NewMeetingPage"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
  head: () => titled("Record a meeting"),
});

const meetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/meetings/$meetingId",
  params: { parse: (p) => ({ meetingId: Number(p.meetingId) }), stringify: (p) => ({ meetingId: String(p.meetingId) }) },
  component: lazyRouteComponent(() => import("./pages/meeting-page.tsx"), "MeetingPage"),
  // A record the person may not see (or that is gone) is the page's own "not found", not an error.
  loader: ({ context, params }) =>
    loadName(context.queryClient.ensureQueryData(meetingQuery(params.meetingId)).then((d) => d.meeting.title)),
  head: ({ loaderData }) => titled(loaderData?.name ?? "Meeting"),
});

const editMeetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/meetings/$meetingId/edit",
  params: { parse: (p) => ({ meetingId: Number(p.meetingId) }), stringify: (p) => ({ meetingId: String(p.meetingId) }) },
  component: lazyRouteComponent(() => import("./pages/meeting-form-page.tsx"), "EditMeetingPage"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
  // A record the person may not see (or that is gone) is the page's own "not found", not an error.
  loader: ({ context, params }) =>
    loadName(context.queryClient.ensureQueryData(meetingQuery(params.meetingId)).then((d) => d.meeting.title)),
  head: ({ loaderData }) => titled(`Edit ${loaderData?.name ?? "Meeting"}`),
});

const dataRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/data",
  component: lazyRouteComponent(() => import("./pages/data-page.tsx"), "DataPage"),
  loaderDeps: ({ search }) => ({ cycle: search.cycle }),
  loader: ({ context, deps }) => loadCycle(context.queryClient, deps.cycle),
  head: ({ loaderData }) => titled("Data in and out", loaderData?.cycleName),
});

const adminWebhooksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/webhooks",
  component: lazyRouteComponent(() => import("./pages/admin-webhooks-page.tsx"), "AdminWebhooksPage"),
  head: () => titled("Webhooks"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
});

const adminSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/settings",
  component: lazyRouteComponent(() => import("./pages/admin-settings-page.tsx"), "AdminSettingsPage"),
  head: () => titled("Settings"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
});

const adminDeliveryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/delivery",
  component: lazyRouteComponent(() => import("./pages/admin-delivery-page.tsx"), "AdminDeliveryPage"),
  loader: ({ context }) => context.queryClient.ensureQueryData(deliveryStatusQuery),
  head: () => titled("Email and delivery"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
});

/** The public progress page: outside the signed-in layout, no account needed. */
const publicRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/public",
  component: lazyRouteComponent(() => import("./pages/public-page.tsx"), "PublicPage"),
  head: () => titled("Public progress"),
});

/** What Convene keeps about people and why: public, linked from the sign-in page and every page's footer. */
const privacyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/privacy",
  component: lazyRouteComponent(() => import("./pages/privacy-page.tsx"), "PrivacyPage"),
  head: () => titled("Privacy"),
});

const exportsSearch = searchOf({ audience: oneOf(["members", "public"] as const) });

const exportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/exports",
  validateSearch: exportsSearch,
  component: lazyRouteComponent(() => import("./pages/exports-page.tsx"), "ExportsPage"),
  loaderDeps: ({ search }) => ({ cycle: search.cycle }),
  loader: ({ context, deps }) => loadCycle(context.queryClient, deps.cycle),
  head: ({ loaderData }) => titled("Exports", loaderData?.cycleName),
});

const presentSearch = searchOf({ cycle: positiveWhole, audience: oneOf(["members", "public"] as const), slide: positiveWhole });

/** Presentation mode fills the screen, outside the app's navigation, but still needs sign-in. */
const presentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/exports/present",
  validateSearch: presentSearch,
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery).catch((e: unknown) => {
      if (e instanceof ApiFailure && e.status === 401) return { user: null };
      throw e;
    });
    if (!me.user) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
  },
  component: lazyRouteComponent(() => import("./pages/present-page.tsx"), "PresentPage"),
  errorComponent: RouteError,
  head: () => titled("Presentation"),
});

const alertsSearch = searchOf({ state: oneOf(alertStates), page: positiveWhole });

const alertsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/alerts",
  validateSearch: alertsSearch,
  component: lazyRouteComponent(() => import("./pages/alerts-page.tsx"), "AlertsPage"),
  head: () => titled("Alerts"),
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => void context.queryClient.prefetchQuery(alertsPageFor(deps)),
});

const newAlertRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/alerts/new",
  component: lazyRouteComponent(() => import("./pages/alert-form-page.tsx"), "NewAlertPage"),
  head: () => titled("Raise an alert"),
});

const alertRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/alerts/$alertId",
  params: { parse: (p) => ({ alertId: Number(p.alertId) }), stringify: (p) => ({ alertId: String(p.alertId) }) },
  component: lazyRouteComponent(() => import("./pages/alert-page.tsx"), "AlertPage"),
  // A record the person may not see (or that is gone) is the page's own "not found", not an error.
  loader: ({ context, params }) => loadName(context.queryClient.ensureQueryData(alertQuery(params.alertId)).then((d) => d.alert.title)),
  head: ({ loaderData }) => titled(loaderData?.name ?? "Alert"),
});

const editAlertRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/alerts/$alertId/edit",
  params: { parse: (p) => ({ alertId: Number(p.alertId) }), stringify: (p) => ({ alertId: String(p.alertId) }) },
  component: lazyRouteComponent(() => import("./pages/alert-form-page.tsx"), "EditAlertPage"),
  // A record the person may not see (or that is gone) is the page's own "not found", not an error.
  loader: ({ context, params }) => loadName(context.queryClient.ensureQueryData(alertQuery(params.alertId)).then((d) => d.alert.title)),
  head: ({ loaderData }) => titled(`Edit ${loaderData?.name ?? "Alert"}`),
});

const resourcesSearch = searchOf({ tag: text, q: text });

const resourcesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/resources",
  validateSearch: resourcesSearch,
  component: lazyRouteComponent(() => import("./pages/resources-page.tsx"), "ResourcesPage"),
  loaderDeps: ({ search }) => ({ tag: search.tag, q: search.q }),
  loader: ({ context, deps }) => prefetched(context.queryClient.ensureQueryData(resourcesQuery(deps))),
  head: () => titled("Resources"),
});

const contributionsSearch = searchOf({
  org: positiveWhole,
  kind: oneOf(contributionKinds),
  goal: positiveWhole,
  allCycles: flag,
  sort: text,
});

const contributionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/contributions",
  validateSearch: contributionsSearch,
  component: lazyRouteComponent(() => import("./pages/contributions-page.tsx"), "ContributionsPage"),
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) => {
    const loaded = await loadCycle(context.queryClient, deps.cycle);
    void context.queryClient.prefetchQuery(contributionsQuery(contributionFilters(deps, loaded.cycleId)));
    return loaded;
  },
  head: ({ loaderData }) => titled("Contributions", loaderData?.cycleName),
});

/* Proposals and sign-on statements (issue 12): kept together so the block merges on its own. */
const proposalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/proposals",
  component: lazyRouteComponent(() => import("./pages/proposals-page.tsx"), "ProposalsPage"),
  head: () => titled("Proposals"),
});

const newProposalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/proposals/new",
  // Started from an alert, a meeting or a goal: that link is chosen already.
  validateSearch: searchOf({ alertId: positiveWhole, meetingId: positiveWhole, goalId: positiveWhole }),
  component: lazyRouteComponent(() => import("./pages/proposal-form-page.tsx"), "NewProposalPage"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
  head: () => titled("New proposal"),
});

const proposalParams = {
  parse: (p: { proposalId: string }) => ({ proposalId: Number(p.proposalId) }),
  stringify: (p: { proposalId: number }) => ({ proposalId: String(p.proposalId) }),
};

const proposalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/proposals/$proposalId",
  params: proposalParams,
  component: lazyRouteComponent(() => import("./pages/proposal-page.tsx"), "ProposalPage"),
  // A record the person may not see (or that is gone) is the page's own "not found", not an error.
  loader: ({ context, params }) =>
    loadName(context.queryClient.ensureQueryData(proposalQuery(params.proposalId)).then((d) => d.proposal.question)),
  head: ({ loaderData }) => titled(loaderData?.name ?? "Proposal"),
});

const editProposalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/proposals/$proposalId/edit",
  params: proposalParams,
  component: lazyRouteComponent(() => import("./pages/proposal-form-page.tsx"), "EditProposalPage"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
  loader: ({ context, params }) =>
    loadName(context.queryClient.ensureQueryData(proposalQuery(params.proposalId)).then((d) => d.proposal.question)),
  head: ({ loaderData }) => titled(`Edit ${loaderData?.name ?? "Proposal"}`),
});

const statementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/statements",
  component: lazyRouteComponent(() => import("./pages/statements-page.tsx"), "StatementsPage"),
  head: () => titled("Statements"),
});

const newStatementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/statements/new",
  component: lazyRouteComponent(() => import("./pages/statement-form-page.tsx"), "NewStatementPage"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
  head: () => titled("Draft a statement"),
});

const statementParams = {
  parse: (p: { statementId: string }) => ({ statementId: Number(p.statementId) }),
  stringify: (p: { statementId: number }) => ({ statementId: String(p.statementId) }),
};

const statementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/statements/$statementId",
  params: statementParams,
  component: lazyRouteComponent(() => import("./pages/statement-page.tsx"), "StatementPage"),
  // A record the person may not see (or that is gone) is the page's own "not found", not an error.
  loader: ({ context, params }) =>
    loadName(context.queryClient.ensureQueryData(statementQuery(params.statementId)).then((d) => d.statement.title)),
  head: ({ loaderData }) => titled(loaderData?.name ?? "Statement"),
});

const editStatementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/statements/$statementId/edit",
  params: statementParams,
  component: lazyRouteComponent(() => import("./pages/statement-form-page.tsx"), "EditStatementPage"),
  staticData: { convenorOnly: true },
  beforeLoad: convenorOnly,
  loader: ({ context, params }) =>
    loadName(context.queryClient.ensureQueryData(statementQuery(params.statementId)).then((d) => d.statement.title)),
  head: ({ loaderData }) => titled(`Edit ${loaderData?.name ?? "Statement"}`),
});

const decideRoutes = [
  proposalsRoute,
  newProposalRoute,
  proposalRoute,
  editProposalRoute,
  statementsRoute,
  newStatementRoute,
  statementRoute,
  editStatementRoute,
] as const;

const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/inbox",
  component: lazyRouteComponent(() => import("./pages/inbox-page.tsx"), "InboxPage"),
  head: () => titled("Inbox"),
});

const notificationPreferencesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/notifications/preferences",
  component: lazyRouteComponent(() => import("./pages/notification-preferences-page.tsx"), "NotificationPreferencesPage"),
  head: () => titled("Notification preferences"),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  twoFactorRequiredRoute,
  ...linkRoutes,
  publicRoute,
  privacyRoute,
  appRoute.addChildren([
    overviewRoute,
    inboxRoute,
    notificationPreferencesRoute,
    goalsRoute,
    newGoalRoute,
    goalRoute,
    editGoalRoute,
    milestonesRoute,
    roadmapRoute,
    organisationsRoute,
    organisationRoute,
    accountRoute,
    adminCyclesRoute,
    adminAccountsRoute,
    adminAuditRoute,
    meetingsRoute,
    newMeetingRoute,
    meetingRoute,
    editMeetingRoute,
    dataRoute,
    adminSettingsRoute,
    adminDeliveryRoute,
    adminWebhooksRoute,
    exportsRoute,
    alertsRoute,
    newAlertRoute,
    alertRoute,
    editAlertRoute,
    resourcesRoute,
    contributionsRoute,
    ...decideRoutes,
  ]),
  presentRoute,
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    scrollRestoration: true,
    defaultErrorComponent: RouteError,
    // Loaders read through the query cache, which decides what is fresh; the router need not.
    defaultPreloadStaleTime: 0,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
  interface StaticDataRouteOption {
    /** Only the convenor may open it; checked by `convenorOnly` before it loads. */
    convenorOnly?: boolean;
  }
}
