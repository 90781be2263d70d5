/**
 * The whole HTTP surface: the API under /api (typed for the dashboard's client as AppType),
 * Better Auth under /api/auth, the API reference, and — in production — the built dashboard.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import { apiDocs } from "./api-docs.ts";
import { CLIENT_IP_HEADER } from "./auth.ts";
import { authErrorEnvelope } from "./auth-errors.ts";
import { clientAddress, type TrustedProxies } from "./client-address.ts";
import { type AppBindings, type AppDeps, withDeps, withSession } from "./context.ts";
import { errorBody, onError } from "./errors.ts";
import { health } from "./health.ts";
import { keepSecondFactor } from "./keep-second-factor.ts";
import type { Logger } from "./logger.ts";
import { requestLog } from "./request-log.ts";
import { accounts } from "./routes/accounts.ts";
import { alerts } from "./routes/alerts.ts";
import { answerLinks } from "./routes/answer-links.ts";
import { audit } from "./routes/audit.ts";
import { cycleCompare } from "./routes/compare.ts";
import { contributions } from "./routes/contributions.ts";
import { cycles } from "./routes/cycles.ts";
import { data } from "./routes/data.ts";
import { exportsRoute } from "./routes/exports.ts";
import { feed } from "./routes/feed.ts";
import { goals } from "./routes/goals.ts";
import { invitations } from "./routes/invitations.ts";
import { me } from "./routes/me.ts";
import { measures } from "./routes/measures.ts";
import { meetings } from "./routes/meetings.ts";
import { milestones } from "./routes/milestones.ts";
import { notificationPreferences, restPeriods } from "./routes/notification-preferences.ts";
import { notifications } from "./routes/notifications.ts";
import { organisations } from "./routes/organisations.ts";
import { proposals } from "./routes/proposals.ts";
import { publicProgress } from "./routes/public.ts";
import { resources } from "./routes/resources.ts";
import { roadmap } from "./routes/roadmap.ts";
import { sessions } from "./routes/sessions.ts";
import { standingGoals } from "./routes/standing-goals.ts";
import { statements } from "./routes/statements.ts";
import { themes } from "./routes/themes.ts";
import { unsubscribeRoute } from "./routes/unsubscribe.ts";
import { updates } from "./routes/updates.ts";
import { webhooks } from "./routes/webhooks.ts";
import { signInAddressCheck } from "./sign-in-address.ts";
import { type SignInLimit, signInLimit } from "./sign-in-limit.ts";
import { HSTS, isHttps } from "./transport.ts";
import { handOnBody, unreadBody } from "./unread-body.ts";

const api = new Hono<AppBindings>()
  .get("/health", health)
  .route("/me", me)
  .route("/sessions", sessions)
  .route("/accounts", accounts)
  .route("/invitations", invitations)
  .route("/organisations", organisations)
  .route("/cycles", cycles)
  .route("/themes", themes)
  .route("/goals", goals)
  .route("/measures", measures)
  .route("/updates", updates)
  .route("/audit", audit)
  .route("/milestones", milestones)
  .route("/standing-goals", standingGoals)
  .route("/meetings", meetings)
  .route("/cycles", cycleCompare)
  .route("/data", data)
  .route("/public", publicProgress)
  .route("/exports", exportsRoute)
  .route("/alerts", alerts)
  .route("/answer-links", answerLinks)
  .route("/resources", resources)
  .route("/roadmap", roadmap)
  .route("/feed", feed)
  .route("/contributions", contributions)
  .route("/proposals", proposals)
  .route("/statements", statements)
  .route("/notifications/preferences", notificationPreferences)
  .route("/notifications/rest-periods", restPeriods)
  .route("/notifications", notifications)
  .route("/unsubscribe", unsubscribeRoute)
  .route("/webhooks", webhooks);

export type AppType = typeof api;

export interface AppOptions {
  /** Origins allowed to send mutating requests (the dashboard's own, Vite's in development). */
  trustedOrigins: string[];
  /** The built dashboard to serve, if any. */
  webDist?: string | undefined;
  /** Where the one-line-per-request log goes (the server's pino logger). */
  logger?: Logger | undefined;
  /** The sign-in rate limit; tests that sign in many times loosen it. */
  signInLimit?: SignInLimit | undefined;
  /** TRUST_PROXY: whose X-Forwarded-For is believed; unset, the TCP peer is the client. */
  trustProxy?: TrustedProxies | undefined;
}

export function createApp(deps: AppDeps, options: AppOptions) {
  const app = new Hono<AppBindings>();
  app.onError(onError);
  app.use(unreadBody);
  if (options.logger) app.use(requestLog(options.logger));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React and Recharts set style properties, and Swagger UI ships inline styles; no inline script is allowed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "strict-origin-when-cross-origin",
      xFrameOptions: "DENY",
      // Only when people reach Convene over https: over http the header would be ignored, and on localhost a nuisance.
      strictTransportSecurity: isHttps(deps.publicUrl) ? HSTS : false,
    }),
  );
  // Browsers must not post to the API from other sites. The API only reads JSON bodies (which a
  // cross-site form cannot send without a CORS preflight we never grant), the session cookie is
  // SameSite=Lax, and this check refuses form-like posts from foreign origins outright.
  // JSON, CSV and calendar answers are gzipped when the client accepts it (the goals list shrinks
  // about tenfold); already-compressed files (.pptx, .zip) and answers under 1 KB are sent as they
  // are, by compress()'s own content-type filter and threshold.
  app.use("/api/*", compress());
  const crossSiteCheck = csrf({ origin: (origin) => options.trustedOrigins.includes(origin) });
  // One-click unsubscribe posts come from mail providers, with no Origin; the signed token guards them (routes/unsubscribe.ts).
  app.use("/api/*", (c, next) => (c.req.path.startsWith("/api/unsubscribe/") ? next() : crossSiteCheck(c, next)));
  app.use("/api/*", withDeps(deps));
  app.use("/api/auth/*", authErrorEnvelope);
  app.use("/api/auth/*", signInAddressCheck(options.trustedOrigins, deps.publicUrl));
  const clientOf = (c: Parameters<typeof getConnInfo>[0]) =>
    clientAddress(safeRemoteAddress(c), c.req.header("x-forwarded-for"), options.trustProxy);
  app.use("/api/auth/sign-in/email", signInLimit(deps.db, clientOf, options.signInLimit));
  app.use("/api/auth/*", keepSecondFactor(deps.auth, deps.enforceTwoFactor));
  app.on(["GET", "POST"], "/api/auth/*", (c) => {
    // Better Auth rate-limits by client address and records it on the session (its approximate
    // place); we give it the TCP peer, or with TRUST_PROXY the address a trusted proxy vouches
    // for, never a header a client could forge.
    const headers = new Headers(c.req.raw.headers);
    headers.delete(CLIENT_IP_HEADER);
    const address = clientOf(c);
    if (address) headers.set(CLIENT_IP_HEADER, address);
    return deps.auth.handler(handOnBody(c.req.raw, new Request(c.req.raw, { headers })));
  });
  app.use("/api/*", withSession);
  // Kept as returned: its type carries every API route under /api, which is what lets the tests
  // send typed requests through Hono's testClient (test-support.ts `client`).
  const served = app.route("/api", api);
  app.route("/api", apiDocs(api));
  app.all("/api/*", (c) => c.json(errorBody("not_found", `There is no API route ${c.req.method} ${c.req.path}.`), 404));

  if (options.webDist) {
    const root = options.webDist;
    app.use(
      "/assets/*",
      compress(),
      serveStatic({ root, onFound: (_p, c) => c.header("cache-control", "public, max-age=31536000, immutable") }),
    );
    app.use("*", compress(), serveStatic({ root }));
    // Every other path is a dashboard route: send the app shell, which routes in the browser.
    app.get("*", compress(), serveStatic({ root, path: "index.html", onFound: (_p, c) => c.header("cache-control", "no-cache") }));
  }
  return served;
}

function safeRemoteAddress(c: Parameters<typeof getConnInfo>[0]): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // app.request() in tests has no socket
  }
}
