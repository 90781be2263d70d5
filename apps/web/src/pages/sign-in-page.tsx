import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { authClient } from "../auth-client.ts";

export function SignInPage() {
  const search = useSearch({ from: "/sign-in" });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const { error } = await authClient.signIn.email({ email: String(form.get("email")), password: String(form.get("password")) });
    setBusy(false);
    if (error) {
      setError(
        error.status === 429
          ? "Too many attempts. Wait a minute, then try again."
          : error.status === 401
            ? "That email and password do not match an account. Check them and try again."
            : (error.message ?? "Signing in did not work. Try again."),
      );
      return;
    }
    queryClient.clear();
    const target = search.redirect?.startsWith("/") && !search.redirect.startsWith("//") ? search.redirect : "/";
    await navigate({ to: target });
  };

  return (
    <main id="main" className="narrow-page">
      <p className="brand-large">Convene</p>
      <h1>Sign in</h1>
      <p>The planning and goal-setting dashboard of the working group.</p>
      <form onSubmit={submit} className="form" noValidate={false}>
        {error && (
          <div className="error-box" role="alert">
            {error}
          </div>
        )}
        <div className="field">
          <label htmlFor="email">Email address</label>
          <input id="email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="muted">
        No account yet? The convenor sends invitation links. Forgotten your password? Ask the convenor for a reset link.
      </p>
    </main>
  );
}
