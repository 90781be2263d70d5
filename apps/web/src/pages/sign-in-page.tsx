/** Signing in with an email address and password; a refusal keeps the email address typed. */
import { signInSchema, twoFactorCodeSchema } from "@convene/domain/sign-in";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { useAppForm } from "../forms/form-kit.tsx";

/**
 * What to tell the person. Our own refusals (too many attempts: how long to wait; the wrong
 * address: which one to use) carry the API's error body, which the auth client spreads into
 * its error; Better Auth's own carry only `message`.
 */
function refusal(error: { status: number; message?: string | undefined; error?: { message?: string } }): string {
  const ours = error.error?.message;
  if (ours) return ours;
  return error.status === 429
    ? "Too many attempts. Wait a minute, then try again."
    : error.status === 401
      ? "That email and password do not match an account. Check them and try again."
      : (error.message ?? "Signing in did not work. Try again.");
}

export function SignInPage() {
  const search = useSearch({ from: "/sign-in" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  // Set once the password is right and the account has two-factor on: the code is asked next.
  const [needsCode, setNeedsCode] = useState(false);
  const done = async () => {
    queryClient.clear();
    const target = search.redirect?.startsWith("/") && !search.redirect.startsWith("//") ? search.redirect : "/";
    await navigate({ to: target });
  };
  const form = useAppForm({
    defaultValues: { email: "", password: "" },
    validators: { onChange: signInSchema },
    onSubmit: async ({ value }) => {
      setError(null);
      // Better Auth's client (about 11 KiB gzipped) is fetched on sending, not with the page:
      // the first page a phone opens is this one, and it should be light.
      const { authClient } = await import("../auth-client.ts");
      const { data, error } = await authClient.signIn.email(value);
      if (error) {
        setError(refusal(error as Parameters<typeof refusal>[0]));
        return;
      }
      if (data && "twoFactorRedirect" in data && data.twoFactorRedirect) {
        setNeedsCode(true);
        return;
      }
      await done();
    },
  });
  const [passkeyBusy, setPasskeyBusy] = useState(false);
  // A passkey is both factors at once (the device, and the fingerprint or PIN that unlocks it),
  // so it signs in without the password or the code step.
  const withPasskey = async () => {
    setError(null);
    setPasskeyBusy(true);
    try {
      const { authClient } = await import("../auth-client.ts");
      const result = await authClient.signIn.passkey();
      if (result?.error) {
        setError(
          "code" in result.error && /CANCELLED/.test(result.error.code)
            ? "Signing in with a passkey was cancelled or timed out. Try again, or use your password."
            : "That passkey is not known here. Use your password, then add the passkey on your account page.",
        );
        return;
      }
      await done();
    } finally {
      setPasskeyBusy(false);
    }
  };
  if (needsCode) return <CodeStep onSignedIn={done} />;

  return (
    <main id="main" className="narrow-page">
      <p className="brand-large">Convene</p>
      <h1>Sign in</h1>
      <p>The planning and goal-setting dashboard of the working group.</p>
      <form.AppForm>
        <form.Form error={error}>
          <form.AppField name="email">
            {(f) => <f.TextField label="Email address" type="email" autoComplete="username" spellCheck={false} />}
          </form.AppField>
          <form.AppField name="password">
            {(f) => <f.TextField label="Password" type="password" autoComplete="current-password" />}
          </form.AppField>
          <form.Actions label="Sign in" busyLabel="Signing in…" />
        </form.Form>
      </form.AppForm>
      <div className="action-row">
        <button type="button" className="button secondary" disabled={passkeyBusy} onClick={() => void withPasskey()}>
          Use a passkey instead
        </button>
      </div>
      <p className="muted">
        No account yet? The convenor sends invitation links. Forgotten your password? Ask the convenor for a reset link.
      </p>
      <p>
        <Link to="/privacy">Privacy: what Convene keeps about you</Link>
      </p>
    </main>
  );
}

/** The second step: the authenticator app's code, or a backup code (longer, with letters). */
function CodeStep({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const form = useAppForm({
    defaultValues: { code: "" },
    validators: { onChange: twoFactorCodeSchema },
    onSubmit: async ({ value }) => {
      setError(null);
      const code = value.code.trim();
      const { authClient } = await import("../auth-client.ts");
      const { error } = /^\d{6}$/.test(code)
        ? await authClient.twoFactor.verifyTotp({ code })
        : await authClient.twoFactor.verifyBackupCode({ code });
      if (error) {
        setError(
          error.status === 429
            ? "Too many attempts. Wait a minute, then try again."
            : "That code is not right, or has been used. Check the time on your phone and try again.",
        );
        return;
      }
      await onSignedIn();
    },
  });
  return (
    <main id="main" className="narrow-page">
      <p className="brand-large">Convene</p>
      <h1>Enter your code</h1>
      <p>Your account has two-factor sign-in. Open your authenticator app and type the 6-digit code it shows for Convene.</p>
      <form.AppForm>
        <form.Form error={error}>
          <form.AppField name="code">
            {(f) => (
              <f.TextField
                label="Code"
                hint="Lost your phone? Type one of your backup codes instead."
                autoComplete="one-time-code"
                spellCheck={false}
              />
            )}
          </form.AppField>
          <form.Actions label="Sign in" busyLabel="Signing in…" />
        </form.Form>
      </form.AppForm>
      <p className="muted">No phone and no backup codes? Ask the convenor to reset your two-factor sign-in.</p>
    </main>
  );
}
