/** Every refusal from Better Auth's routes (/api/auth/*) has the API's one error shape, in plain words, with Better Auth's code kept. */
import { afterEach, describe, expect, it } from "vitest";
import { errorBodySchema } from "./api-contract.ts";
import { type Convene, call, fromAddress, json, makeConvene, ORIGIN, PASSWORD, person, signInResponse } from "./test-support.ts";

let convene: Convene | undefined;
afterEach(async () => {
  await convene?.close();
  convene = undefined;
});

async function refusal(res: Response, what = "the refusal") {
  const body = await json(res);
  expect(errorBodySchema.strict().safeParse(body).success, `${what}: ${JSON.stringify(body)}`).toBe(true);
  expect(Object.keys(body)).toEqual(["error"]);
  return { status: res.status, ...body.error };
}

describe("errors from /api/auth/*", () => {
  it("answer every refusal as { error: { code, message, details } }", async () => {
    convene = await makeConvene({ signInLimit: { window: 60, max: 2 } });
    const { app } = convene;
    const member = await person(convene, "member");
    const convenor = await person(convene, "convenor");
    const long = "another long password";
    const post = (path: string, body: unknown, o: { cookie?: string; origin?: string } = {}) =>
      call(app, "POST", `/api/auth${path}`, { body, cookie: o.cookie, env: fromAddress(), headers: o.origin ? { origin: o.origin } : {} });

    // Each is sent only when its turn comes, so that none races another.
    const cases: [string, () => Response | Promise<Response>, Record<string, unknown>][] = [
      [
        "a wrong password",
        () => signInResponse(app, member.email, "not the password at all"),
        { status: 401, code: "unauthenticated", details: { authCode: "INVALID_EMAIL_OR_PASSWORD" } },
      ],
      [
        "an unknown email",
        () => signInResponse(app, "nobody@example.org"),
        { status: 401, code: "unauthenticated", details: { authCode: "INVALID_EMAIL_OR_PASSWORD" } },
      ],
      [
        "an email that is not one",
        () => signInResponse(app, "not-an-email"),
        { status: 400, code: "invalid_input", details: { authCode: "INVALID_EMAIL" } },
      ],
      [
        "a missing field",
        () => post("/sign-in/email", { email: member.email }),
        {
          status: 400,
          code: "invalid_input",
          details: { authCode: "VALIDATION_ERROR", fields: [{ field: "password", message: expect.any(String) }] },
        },
      ],
      [
        "a body that is not JSON",
        () =>
          app.request(
            "/api/auth/sign-in/email",
            { method: "POST", headers: { origin: ORIGIN, "content-type": "application/json" }, body: "{not json" },
            fromAddress() as never,
          ),
        { status: 400, code: "bad_request", details: { authCode: "BAD_REQUEST" } },
      ],
      [
        "a sign-up (accounts come by invitation)",
        () => post("/sign-up/email", { email: "x@example.org", password: PASSWORD, name: "X" }),
        { status: 400, details: { authCode: "EMAIL_PASSWORD_SIGN_UP_DISABLED" } },
      ],
      [
        "changing a password when signed out",
        () => post("/change-password", { currentPassword: PASSWORD, newPassword: long }),
        { status: 401, code: "unauthenticated", details: { authCode: "UNAUTHORIZED" } },
      ],
      [
        "a wrong current password",
        () => post("/change-password", { currentPassword: "not it at all", newPassword: long }, { cookie: member.cookie }),
        { status: 400, message: "Your current password is not right.", details: { authCode: "INVALID_PASSWORD" } },
      ],
      [
        "a new password that is too short",
        () => post("/change-password", { currentPassword: PASSWORD, newPassword: "short" }, { cookie: member.cookie }),
        { status: 400, details: { authCode: "PASSWORD_TOO_SHORT" } },
      ],
      [
        "an invalid reset token",
        () => post("/reset-password", { token: "nonsense", newPassword: long }),
        { status: 400, details: { authCode: "INVALID_TOKEN" } },
      ],
      [
        "an invalid verification token",
        () => call(app, "GET", "/api/auth/verify-email?token=nonsense"),
        { status: 401, details: { authCode: "INVALID_TOKEN" } },
      ],
      [
        "an admin call by a member",
        () => call(app, "GET", "/api/auth/admin/list-users", { cookie: member.cookie }),
        { status: 403, code: "forbidden" },
      ],
      [
        "a signed-in request from another site",
        () =>
          post(
            "/change-password",
            { currentPassword: PASSWORD, newPassword: long },
            { cookie: member.cookie, origin: "https://evil.example" },
          ),
        { status: 403, code: "forbidden", details: { authCode: "INVALID_ORIGIN" } },
      ],
      ["an auth route that does not exist", () => call(app, "GET", "/api/auth/nothing-here"), { status: 404, code: "not_found" }],
    ];
    for (const [what, res, expected] of cases) {
      const got = await refusal(await res(), what);
      expect(got, what).toMatchObject({ message: expect.any(String), ...expected });
      expect(got.message, what).not.toMatch(/^\[body/);
    }

    // The convenor's own admin calls still answer as Better Auth does.
    expect((await call(app, "GET", "/api/auth/admin/list-users", { cookie: convenor.cookie })).status).toBe(200);
  });

  it("answers the sign-in limit as rate_limited and keeps its retry header", async () => {
    convene = await makeConvene({ signInLimit: { window: 60, max: 1 } });
    const env = fromAddress();
    await signInResponse(convene.app, "nobody@example.org", "a wrong password", env);
    const limited = await signInResponse(convene.app, "nobody@example.org", "a wrong password", env);
    expect(await refusal(limited)).toMatchObject({
      status: 429,
      code: "rate_limited",
      // Convene's own sign-in limit (sign-in-limit.ts) answers before Better Auth, saying how long to wait.
      message: expect.stringMatching(/Try again in \d+ (second|minute)s?\./),
    });
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("leaves successful answers alone", async () => {
    convene = await makeConvene();
    const member = await person(convene, "member");
    const session = await call(convene.app, "GET", "/api/auth/get-session", { cookie: member.cookie });
    expect(session.status).toBe(200);
    expect((await json(session)).user.email).toBe(member.email);
    expect(await (await call(convene.app, "GET", "/api/auth/get-session")).text()).toBe("null");
  });
});
