/**
 * Helpers for the API's tests: a fresh Convene on a database of its own (in memory on SQLite), signing in through
 * Better Auth exactly as the dashboard does, and small factories for people and records.
 */
import { freshTestDatabase } from "@convene/db/test-support";
import type { Role } from "@convene/domain";
import type { InferRequestType, InferResponseType } from "hono/client";
import { testClient } from "hono/testing";
import type { StatusCode } from "hono/utils/http-status";
import { fastTestPasswordHasher } from "./auth.ts";
import { checkAnswer } from "./contract-check.ts";
import type { errorBody } from "./errors.ts";
import { type ConveneOptions, createConvene } from "./server.ts";
import { createAccount } from "./services/accounts.ts";
import type { SignInLimit } from "./sign-in-limit.ts";

/** The origin the test Convene believes it is served from; Better Auth and the CSRF check trust it. */
export const ORIGIN = "http://localhost:8787";
export const PASSWORD = "correct horse battery";

export type Convene = Awaited<ReturnType<typeof createConvene>>;
export type App = Convene["app"];

export async function makeConvene(
  options: {
    signInLimit?: SignInLimit;
    mail?: ConveneOptions["mail"];
    databasePath?: string;
    clock?: () => Date;
    enforceTwoFactor?: boolean;
    trustProxy?: ConveneOptions["trustProxy"];
  } = {},
) {
  return createConvene({
    // ":memory:" on SQLite; a new database of its own on PostgreSQL (npm run test:postgres).
    databasePath: options.databasePath ?? (await freshTestDatabase()),
    mail: options.mail,
    secret: "a test secret that is at least 32 characters long",
    publicUrl: ORIGIN,
    signInLimit: options.signInLimit ?? { window: 60, max: 1000 },
    passwordHasher: fastTestPasswordHasher,
    // Tests deliver the outbox themselves (convene.delivery.deliverDue()), never on a timer.
    deliveryIntervalMs: 0,
    ...(options.clock ? { clock: options.clock } : {}),
    // Why off by default here: a convenor must have two-factor sign-in, and about 120 test files
    // sign convenors in with a password to test something else. Setting up an authenticator
    // app for each (and a code at every later sign-in) would add requests and a clock-bound code
    // to every one of them. So the rule is an explicit dependency of the app that only test
    // support turns off; createConvene enforces it unless told otherwise, main.ts never tells it
    // otherwise, and no environment variable reaches it. The tests of the rule itself pass
    // `enforceTwoFactor: true` (routes/two-factor-required.test.ts, e2e/two-factor.test.ts).
    enforceTwoFactor: options.enforceTwoFactor ?? false,
    trustProxy: options.trustProxy,
  });
}

let addresses = 0;

/**
 * A fresh client address. Better Auth rate-limits sign-in per client address (its counts are in
 * each test's own database), so tests sign in from addresses no other sign-in in the test uses.
 */
export function uniqueAddress(): string {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

/** A client socket for `getConnInfo`, as @hono/node-server would provide: rate limiting keys on it. */
export function fromAddress(address = uniqueAddress()) {
  return { incoming: { socket: { remoteAddress: address, remotePort: 50_000, remoteFamily: "IPv4" } } };
}

export interface RequestOptions {
  cookie?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  env?: unknown;
}

/**
 * A JSON request as the dashboard sends it (same origin, JSON body). Every JSON success answer is
 * checked against its schema in /api/openapi.json, so each API test also tests the contract.
 */
export async function call(app: App, method: string, path: string, o: RequestOptions = {}) {
  const headers: Record<string, string> = { origin: ORIGIN, ...o.headers };
  if (o.cookie) headers.cookie = o.cookie;
  let body: string | undefined;
  if (o.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(o.body);
  }
  const res = await app.request(path, { method, headers, body }, o.env as never);
  await checkAnswer(method, path, res);
  return res;
}

/**
 * Typed requests: Hono's testClient over the served app, so a test's paths, parameters and JSON
 * bodies are checked against the routes by the compiler, and its answers come back typed
 * (`await (await client(app, { cookie }).api.goals.$post({ json })).json()`). Like `call`, it
 * sends the dashboard's origin, and checks every JSON success answer against /api/openapi.json.
 * `call` stays for what the client cannot express: wrong methods, malformed bodies, raw headers.
 */
export function client(app: App, o: Omit<RequestOptions, "body"> = {}) {
  const checked = Object.create(app, {
    request: {
      value: async (input: string | Request | URL, init?: RequestInit) => {
        const res = await app.request(input, init, o.env as never);
        const url = input instanceof Request ? input.url : String(input);
        await checkAnswer(init?.method ?? (input instanceof Request ? input.method : "GET"), url, res);
        return res;
      },
    },
  }) as App;
  const headers: Record<string, string> = { origin: ORIGIN, ...o.headers };
  if (o.cookie) headers.cookie = o.cookie;
  return testClient(checked, undefined, undefined, { headers });
}

/** A route's `:id` parameter for the typed client: `api.goals[":id"].$get({ param: byId(goal.id) })`. */
export const byId = (id: number) => ({ id: String(id) });

/** The API client the tests use, for naming its answers' types (`Answer<Api["goals"]["$post"], 201>`). */
export type Api = ReturnType<typeof client>["api"];
export type Answer<R extends (...args: never[]) => unknown, Status extends StatusCode = 200> = InferResponseType<R, Status>;

/** Signs in through Better Auth's email endpoint and returns the session cookie header. */
export async function signIn(app: App, email: string, password = PASSWORD, env: unknown = fromAddress()): Promise<string> {
  const res = await signInResponse(app, email, password, env);
  if (res.status !== 200) throw new Error(`sign-in failed for ${email}: ${res.status} ${await res.text()}`);
  return cookieFrom(res);
}

export function signInResponse(app: App, email: string, password = PASSWORD, env: unknown = fromAddress()) {
  return call(app, "POST", "/api/auth/sign-in/email", { body: { email, password }, env });
}

export function cookieFrom(res: Response): string {
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (cookies.length === 0) throw new Error("no session cookie was set");
  return cookies.join("; ");
}

let people = 0;

export interface Person {
  id: string;
  email: string;
  cookie: string;
  organisationId: number | null;
  /** Typed requests as this person (their session cookie): `convenor.api.goals.$post({ json })`. */
  api: Api;
}

/** Creates an account of `role` and signs it in. Members belong to `organisationId` (default: the first organisation). */
export async function person(convene: Convene, role: Role, organisationId?: number): Promise<Person> {
  people += 1;
  const email = `${role}${people}@example.org`;
  const orgId = role === "member" ? (organisationId ?? (await organisationIds(convene))[0]!) : null;
  const user = await createAccount(
    convene.auth,
    convene.db,
    { email, name: `${role} ${people}`, password: PASSWORD, role, organisationId: orgId },
    null,
  );
  const cookie = await signIn(convene.app, email);
  return { id: user.id, email, cookie, organisationId: orgId, api: client(convene.app, { cookie }).api };
}

export async function organisationIds(convene: Convene): Promise<number[]> {
  const rows = await convene.db.selectFrom("organisations").select("id").orderBy("id").execute();
  return rows.map((r) => r.id);
}

/** Reads a JSON body with a type chosen by the test (tests check the shape they rely on). */
export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

let cycles = 0;

/** The JSON body a route takes, e.g. `Body<Api["goals"]["$post"]>`. */
type Body<R> = InferRequestType<R> extends { json: infer J } ? J : never;

export async function makeCycle(app: App, cookie: string, fields: Partial<Body<Api["cycles"]["$post"]>> = {}) {
  cycles += 1;
  const res = await client(app, { cookie }).api.cycles.$post({
    json: { name: `Cycle ${cycles}`, workshopDate: "2026-01-10", agmDate: "2026-12-10", ...fields },
  });
  if (res.status !== 201) throw new Error(`makeCycle: ${res.status} ${await res.text()}`);
  return (await res.json()).cycle;
}

export async function makeGoal(app: App, cookie: string, fields: Partial<Body<Api["goals"]["$post"]>> & { cycleId: number }) {
  const res = await client(app, { cookie }).api.goals.$post({ json: { title: "A goal", visibility: "members", ...fields } });
  if (res.status !== 201) throw new Error(`makeGoal: ${res.status} ${await res.text()}`);
  return (await res.json()).goal;
}

/** A goal as its creation answers it. */
export type GoalBody = Awaited<ReturnType<typeof makeGoal>>;

export async function makeMeasure(app: App, cookie: string, fields: Partial<Body<Api["measures"]["$post"]>> & { goalId: number }) {
  const res = await client(app, { cookie }).api.measures.$post({
    json: { kind: "numeric", name: "Briefings", baseline: 0, target: 10, ...fields } as Body<Api["measures"]["$post"]>,
  });
  if (res.status !== 201) throw new Error(`makeMeasure: ${res.status} ${await res.text()}`);
  return (await res.json()).measure;
}

export async function closeCycle(app: App, cookie: string, cycle: { id: number; version: number }) {
  const res = await client(app, { cookie }).api.cycles[":id"].close.$post({
    param: { id: String(cycle.id) },
    json: { version: cycle.version },
  });
  if (res.status !== 200) throw new Error(`closeCycle: ${res.status} ${await res.text()}`);
}

/** The audit entries written for one record, newest first. */
export async function auditOf(convene: Convene, entity: string, entityId: number | string) {
  return convene.db
    .selectFrom("auditEntries")
    .selectAll()
    .where("entity", "=", entity)
    .where("entityId", "=", String(entityId))
    .orderBy("id", "desc")
    .execute();
}

/** A Convene with one person of each role; the member belongs to the first organisation. */
export async function world() {
  const convene = await makeConvene();
  const [convenor, member, observer] = await Promise.all([
    person(convene, "convenor"),
    person(convene, "member"),
    person(convene, "observer"),
  ]);
  return { convene, app: convene.app, convenor, member, observer };
}

/**
 * An error answer's envelope. Errors are thrown (errors.ts), so the typed client's answer types
 * know only the successes; this reads the one shape every error has.
 */
export async function errorOf(res: Response): Promise<ReturnType<typeof errorBody>["error"] & { details?: any }> {
  return ((await res.json()) as ReturnType<typeof errorBody>).error;
}

/** The field names a 400 response blames. */
export async function badFields(res: Response): Promise<string[]> {
  const body = await json(res);
  return (body.error?.details?.fields ?? []).map((f: { field: string }) => f.field);
}
