import { roleLabels } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { authClient } from "../auth-client.ts";
import { Skeleton } from "../components/states.tsx";
import { meQuery } from "../queries.ts";
import { CalendarLink } from "./calendar-link.tsx";

export function AccountPage() {
  const me = useQuery(meQuery);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const user = me.data?.user;
  if (!user) return <Skeleton />;

  const changePassword = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const newPassword = String(f.get("new"));
    if (newPassword !== String(f.get("confirm"))) {
      setMessage({ ok: false, text: "The two new passwords are not the same." });
      return;
    }
    setBusy(true);
    const { error } = await authClient.changePassword({
      currentPassword: String(f.get("current")),
      newPassword,
      revokeOtherSessions: true,
    });
    setBusy(false);
    if (error) {
      setMessage({
        ok: false,
        text:
          error.status === 400 && error.code === "INVALID_PASSWORD"
            ? "Your current password is not right."
            : (error.message ?? "That did not work."),
      });
      return;
    }
    form.reset();
    setMessage({ ok: true, text: "Password changed. You have been signed out on other devices." });
  };

  return (
    <>
      <h1>Your account</h1>
      <dl className="facts">
        <div>
          <dt>Name</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{roleLabels[user.role]}</dd>
        </div>
        {user.organisation && (
          <div>
            <dt>Organisation</dt>
            <dd>{user.organisation.name}</dd>
          </div>
        )}
      </dl>
      <CalendarLink />
      <form className="form" onSubmit={changePassword} aria-labelledby="pw-heading">
        <h2 id="pw-heading">Change your password</h2>
        {message && (
          <div className={message.ok ? "success-box" : "error-box"} role={message.ok ? "status" : "alert"}>
            {message.text}
          </div>
        )}
        <input type="text" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <div className="field">
          <label htmlFor="current">Current password</label>
          <input id="current" name="current" type="password" autoComplete="current-password" required />
        </div>
        <div className="field">
          <label htmlFor="new">New password</label>
          <p className="hint" id="new-hint">
            At least 10 characters.
          </p>
          <input id="new" name="new" type="password" autoComplete="new-password" minLength={10} required aria-describedby="new-hint" />
        </div>
        <div className="field">
          <label htmlFor="confirm">Type the new password again</label>
          <input id="confirm" name="confirm" type="password" autoComplete="new-password" minLength={10} required />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : "Change password"}
        </button>
      </form>
    </>
  );
}
