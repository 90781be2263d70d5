import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createConvene } from "../server.ts";
import { runCli } from "./run.ts";
import { databaseEnv, PUBLIC_URL, recordedIo, tempContext } from "./test-io.ts";

const PASSWORD = "correct horse battery";

let ctx: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  ctx = await tempContext();
});
afterEach(() => ctx.cleanup());

async function signIn(email: string, password: string) {
  const convene = await createConvene({ databasePath: ctx.databasePath, secret: ctx.secret, publicUrl: PUBLIC_URL });
  try {
    const res = await convene.app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: PUBLIC_URL },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) return { status: res.status, user: null };
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const me = await convene.app.request("/api/me", { headers: { cookie } });
    const body = (await me.json()) as { user: { email: string; role: string; organisation: { shortName: string } | null } | null };
    return { status: res.status, user: body.user };
  } finally {
    await convene.close();
  }
}

const createUser = (args: string[], password = PASSWORD) => {
  const io = recordedIo(`${password}\n`);
  return runCli(["create-user", ...args], io, ctx).then((code) => ({ code, out: io.out(), err: io.err() }));
};

describe("admin create-user", () => {
  it("creates a member who can then sign in with the piped password", async () => {
    const r = await createUser(["--email", "Ana@Example.org", "--name", "Ana Example", "--role", "member", "--org", "peace-direct"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toBe("Created the member account for Ana Example <ana@example.org> of Peace Direct; they can sign in now.\n");

    const signedIn = await signIn("ana@example.org", PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.user).toMatchObject({ email: "ana@example.org", role: "member", organisation: { shortName: "peace-direct" } });
    expect((await signIn("ana@example.org", "not the password")).status).toBe(401);
  });

  it("creates a convenor without an organisation", async () => {
    const r = await createUser(["--email", "c@example.org", "--name", "Cam", "--role", "convenor"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("A convenor must set up two-factor sign-in");
    // Signed in, and held back until two-factor is set up: the server here enforces it as in production.
    expect((await signIn("c@example.org", PASSWORD)).user).toMatchObject({ role: "convenor", organisation: null, twoFactorRequired: true });
  });

  it.each([
    [["--name", "N", "--role", "convenor"], 2, "--email is required."],
    [["--email", "a@example.org", "--role", "convenor"], 2, "--name is required."],
    [["--email", "a@example.org", "--name", "N"], 2, "--role is required"],
    [["--email", "not-an-email", "--name", "N", "--role", "convenor"], 2, '--email: "not-an-email" is not a valid email address.'],
    [["--email", "a@example.org", "--name", "N", "--role", "boss"], 2, '--role: "boss" is not a role'],
    [["--email", "a@example.org", "--name", "N", "--role", "member"], 2, "--org is required for a member"],
    [
      ["--email", "a@example.org", "--name", "N", "--role", "observer", "--org", "una-uk"],
      2,
      "--org: an observer is someone outside the group",
    ],
    [
      ["--email", "a@example.org", "--name", "N", "--role", "member", "--org", "nobody"],
      1,
      '--org: no organisation has the short name "nobody"',
    ],
    [["--email", "a@example.org", "--name", "N", "--role", "convenor", "--admin"], 2, "Unknown option '--admin'"],
  ])("refuses %j with one line", async (args, code, message) => {
    const r = await createUser(args);
    expect(r.code).toBe(code);
    expect(r.out).toBe("");
    expect(r.err).toContain(`Error: ${message}`);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  it("refuses a password shorter than 10 characters", async () => {
    const r = await createUser(["--email", "a@example.org", "--name", "N", "--role", "convenor"], "too short");
    expect(r).toMatchObject({ code: 1, err: "Error: The password must be at least 10 characters.\n" });
    expect((await signIn("a@example.org", "too short")).status).toBe(401);
  });

  it("refuses when standard input holds no password", async () => {
    const io = recordedIo("");
    expect(await runCli(["create-user", "--email", "a@example.org", "--name", "N", "--role", "convenor"], io, ctx)).toBe(1);
    expect(io.err()).toMatch(/^Error: No password on standard input/);
  });

  it("refuses a second account for the same email, whatever its case", async () => {
    expect((await createUser(["--email", "a@example.org", "--name", "N", "--role", "convenor"])).code).toBe(0);
    const r = await createUser(["--email", "A@EXAMPLE.ORG", "--name", "Other", "--role", "observer"]);
    expect(r).toMatchObject({ code: 1, err: "Error: There is already an account for a@example.org.\n" });
  });
});

describe("admin command line as a process", () => {
  it("reads the password piped to `tsx src/admin/cli.ts create-user`", async () => {
    const apiDir = resolve(import.meta.dirname, "../..");
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      // As `npm run admin` runs it (tsx), without npx looking itself up first.
      const child = execFile(
        "node",
        [
          "--import",
          "tsx",
          "src/admin/cli.ts",
          "create-user",
          "--email",
          "piped@example.org",
          "--name",
          "Piped Person",
          "--role",
          "observer",
        ],
        {
          cwd: apiDir,
          env: { ...process.env, ...databaseEnv(ctx.databasePath), AUTH_SECRET: ctx.secret, PUBLIC_URL, INIT_CWD: ctx.dir },
          timeout: 60_000,
        },
        (error, stdout, stderr) => done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(`${PASSWORD}\n`);
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe("Created the observer account for Piped Person <piped@example.org>; they can sign in now.\n");
    expect((await signIn("piped@example.org", PASSWORD)).user).toMatchObject({ role: "observer" });
  }, 60_000);
});
