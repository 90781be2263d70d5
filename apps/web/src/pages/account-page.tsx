/** The signed-in person's own account: who they are, their calendar link, their password and where they are signed in. */
import { passwordChangeSchema, roleLabels } from "@convene/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useAccess } from "../access.ts";
import { ApiFailure } from "../api.ts";
import { authClient } from "../auth-client.ts";
import { Skeleton } from "../components/states.tsx";
import { useAppForm } from "../forms/form-kit.tsx";
import { CalendarLink } from "./calendar-link.tsx";
import { MySessions } from "./my-sessions.tsx";
import { Passkeys } from "./passkeys.tsx";
import { TwoFactorSetup } from "./two-factor-setup.tsx";

export function AccountPage() {
  const { user } = useAccess();
  if (!user) return <Skeleton />;
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
      <section aria-labelledby="notify-heading">
        <h2 id="notify-heading">Notifications</h2>
        <p>
          <Link to="/notifications/preferences">Choose what is emailed to you, and when</Link>: at once, in a daily or weekly digest, or
          only in your inbox, with quiet hours and days off.
        </p>
      </section>
      <CalendarLink />
      <PasswordForm email={user.email} />
      <TwoFactorSetup email={user.email} />
      <Passkeys />
      <MySessions />
    </>
  );
}

function PasswordForm({ email }: { email: string }) {
  const [changed, setChanged] = useState(false);
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: async ({ current, password }: { current: string; password: string }) => {
      const { error } = await authClient.changePassword({ currentPassword: current, newPassword: password, revokeOtherSessions: true });
      if (!error) return;
      // The auth library's own refusal, put on the field it is about in our words.
      if (error.status === 400 && error.code === "INVALID_PASSWORD") {
        const message = "Your current password is not right";
        throw new ApiFailure(400, "invalid_password", message, { fields: [{ field: "current", message }] });
      }
      throw new ApiFailure(error.status, error.code ?? "error", error.message ?? "That did not work. Try again.");
    },
    onSuccess: () => {
      setChanged(true);
      form.reset();
      // The server ended the other sessions: the list below shows it.
      void queryClient.invalidateQueries({ queryKey: ["sessions"] });
    },
  });
  const form = useAppForm({
    defaultValues: { current: "", password: "", confirm: "" },
    validators: { onChange: passwordChangeSchema },
    onSubmit: ({ value }) => {
      setChanged(false);
      change.mutate(value);
    },
  });
  return (
    <section aria-labelledby="pw-heading">
      <h2 id="pw-heading">Change your password</h2>
      {changed && (
        <div className="success-box" role="status">
          Password changed. You have been signed out on other devices.
        </div>
      )}
      <form.AppForm>
        <form.Form idPrefix="pw" error={change.error}>
          <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
          <form.AppField name="current">
            {(f) => <f.TextField label="Current password" type="password" autoComplete="current-password" />}
          </form.AppField>
          <form.AppField name="password">
            {(f) => <f.TextField label="New password" hint="At least 10 characters" type="password" autoComplete="new-password" />}
          </form.AppField>
          <form.AppField name="confirm">
            {(f) => <f.TextField label="Type the new password again" type="password" autoComplete="new-password" />}
          </form.AppField>
          <form.SubmitButton label="Change password" busy={change.isPending} />
        </form.Form>
      </form.AppForm>
    </section>
  );
}
