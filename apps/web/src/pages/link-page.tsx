/** One page for the three one-time links: first-convenor setup, invitation, password reset. */
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useRouterState, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { ApiFailure, api, call } from "../api.ts";
import { ErrorMessage, Skeleton } from "../components/states.tsx";

const titles = { setup: "Set up Convene", invite: "Accept your invitation", reset: "Choose a new password" } as const;

export function LinkPage() {
  const { token } = useSearch({ strict: false }) as { token: string };
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const link = useQuery({
    queryKey: ["link", token],
    queryFn: () => call(api.invitations[":token"].$get({ param: { token } })),
    enabled: token.length >= 10,
    retry: false,
  });
  const [problem, setProblem] = useState<ApiFailure | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);

  if (token.length < 10) {
    return (
      <Frame title="This link is incomplete">
        <p>Copy the whole link from the message you were sent, or ask the convenor for a new one.</p>
      </Frame>
    );
  }
  if (link.isLoading)
    return (
      <Frame title="Checking your link…">
        <Skeleton />
      </Frame>
    );
  if (link.error || !link.data) {
    return (
      <Frame title="This link cannot be used">
        <ErrorMessage error={link.error} />
        <p>
          <Link to="/sign-in">Go to sign-in</Link>
        </p>
      </Frame>
    );
  }
  const kind = link.data.kind;
  const expectedPath = kind === "setup" ? "/setup" : kind === "invite" ? "/invitation" : "/reset-password";

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const password = String(f.get("password"));
    if (password !== String(f.get("confirm"))) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      await call(
        api.invitations[":token"].accept.$post({
          param: { token },
          json: {
            password,
            ...(kind !== "reset" ? { name: String(f.get("name") ?? "") } : {}),
            ...(kind === "setup" ? { email: String(f.get("email") ?? "") } : {}),
          },
        }),
      );
      await navigate({ to: "/sign-in", search: { redirect: "/" } });
    } catch (err) {
      setProblem(err instanceof ApiFailure ? err : new ApiFailure(0, "error", "That did not work. Try again."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Frame title={titles[kind]}>
      {pathname !== expectedPath && <p className="muted">This is a {kind === "invite" ? "invitation" : kind} link.</p>}
      {kind === "setup" && <p>No convenor account exists yet. Create it now: it can then invite everyone else.</p>}
      {kind === "invite" && (
        <p>
          You have been invited to Convene as {link.data.role === "member" ? "a member" : `the ${link.data.role}`} with the email address{" "}
          <strong>{link.data.email}</strong>.
        </p>
      )}
      {kind === "reset" && (
        <p>
          Choose a new password for <strong>{link.data.email}</strong>. You will be signed out everywhere else.
        </p>
      )}
      <form className="form" onSubmit={submit}>
        {problem && (
          <div className="error-box" role="alert">
            {problem.message}
          </div>
        )}
        {kind !== "reset" && (
          <div className="field">
            <label htmlFor="name">Your name</label>
            <input id="name" name="name" autoComplete="name" defaultValue={link.data.name} required maxLength={200} />
          </div>
        )}
        {kind === "setup" && (
          <div className="field">
            <label htmlFor="email">Email address</label>
            <input id="email" name="email" type="email" autoComplete="username" required aria-describedby="email-error" />
            {problem?.fieldMessage("email") && (
              <p id="email-error" className="field-error">
                Email address {problem.fieldMessage("email")}
              </p>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor="password">New password</label>
          <p className="hint" id="password-hint">
            At least 10 characters. A few unrelated words make a strong one.
          </p>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={10}
            required
            aria-describedby="password-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="confirm">Type it again</label>
          <input
            id="confirm"
            name="confirm"
            type="password"
            autoComplete="new-password"
            minLength={10}
            required
            aria-invalid={mismatch}
            aria-describedby="confirm-error"
          />
          {mismatch && (
            <p id="confirm-error" className="field-error">
              The two passwords are not the same.
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : kind === "reset" ? "Save new password" : "Create account"}
        </button>
      </form>
    </Frame>
  );
}

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main id="main" className="narrow-page">
      <p className="brand-large">Convene</p>
      <h1>{title}</h1>
      {children}
    </main>
  );
}
