/**
 * On the account page: two-factor sign-in with an authenticator app, so that a stolen password
 * alone opens nothing. Setting up asks for the password, shows the QR code (and the secret as
 * text, for apps without a camera), confirms with a first code, then shows the backup codes once.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { renderSVG } from "uqr";
import { z } from "zod";
import { authClient } from "../auth-client.ts";
import { Skeleton } from "../components/states.tsx";
import { useAppForm } from "../forms/form-kit.tsx";

const passwordSchema = z.object({ password: z.string().min(1, { error: "Enter your password" }) });
const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: "Enter the 6-digit code your app shows" }),
});

const sessionKey = ["auth-session"];

/** `onChange` is told when two-factor is turned on or off, so a page that waits for it can ask the server again. */
export function TwoFactorSetup({ email, onChange }: { email: string; onChange?: () => void }) {
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: sessionKey, queryFn: async () => (await authClient.getSession()).data });
  const [pending, setPending] = useState<{ totpURI: string; backupCodes: string[] } | null>(null);
  const [shownCodes, setShownCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const on = (session.data?.user as { twoFactorEnabled?: boolean | null } | undefined)?.twoFactorEnabled === true;

  const start = useAppForm({
    defaultValues: { password: "" },
    validators: { onChange: passwordSchema },
    onSubmit: async ({ value }) => {
      setError(null);
      const { data, error } = on ? await authClient.twoFactor.disable(value) : await authClient.twoFactor.enable(value);
      if (error) {
        setError(
          error.status === 400 || error.status === 401 ? "Your password is not right" : (error.message ?? "That did not work. Try again."),
        );
        return;
      }
      start.reset();
      if (on) {
        setShownCodes(null);
        await queryClient.invalidateQueries({ queryKey: sessionKey });
        onChange?.();
      } else if (data && "totpURI" in data) setPending({ totpURI: data.totpURI, backupCodes: data.backupCodes });
    },
  });
  const confirm = useAppForm({
    defaultValues: { code: "" },
    validators: { onChange: codeSchema },
    onSubmit: async ({ value }) => {
      setError(null);
      const { error } = await authClient.twoFactor.verifyTotp({ code: value.code.trim() });
      if (error) {
        setError("That code is not right. Check the time on your phone and type the code the app shows now.");
        return;
      }
      setShownCodes(pending?.backupCodes ?? null);
      setPending(null);
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      onChange?.();
    },
  });

  if (session.isLoading) return <Skeleton lines={2} />;
  const secret = pending ? (new URL(pending.totpURI).searchParams.get("secret") ?? "") : "";
  return (
    <section aria-labelledby="tf-heading">
      <h2 id="tf-heading">Two-factor sign-in</h2>
      {shownCodes && (
        <div className="success-box" role="status">
          <p>
            Two-factor sign-in is on. These backup codes each sign you in once if you lose your phone. Convene shows them only now: keep
            them somewhere safe.
          </p>
          <ul className="backup-codes">
            {shownCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {pending ? (
        <>
          <p>Scan this code with your authenticator app, then type the 6-digit code it shows.</p>
          <img
            className="qr-code"
            src={`data:image/svg+xml;utf8,${encodeURIComponent(renderSVG(pending.totpURI))}`}
            alt="QR code for your authenticator app"
            width={200}
            height={200}
          />
          <p>
            Cannot scan it? Type this key into the app instead: <code className="secret-key">{secret}</code>
          </p>
          <confirm.AppForm>
            <confirm.Form idPrefix="tf-code" error={error}>
              <confirm.AppField name="code">
                {(f) => <f.TextField label="Code from your app" autoComplete="one-time-code" inputMode="numeric" />}
              </confirm.AppField>
              <confirm.SubmitButton label="Turn on two-factor sign-in" />
            </confirm.Form>
          </confirm.AppForm>
        </>
      ) : (
        <>
          <p>
            {on
              ? "Two-factor sign-in is on: signing in asks for a code from your authenticator app as well as your password."
              : "Two-factor sign-in is off. Turn it on so that your password alone cannot open your account: you will need an authenticator app on your phone."}
          </p>
          <start.AppForm>
            <start.Form idPrefix="tf" error={error}>
              <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
              <start.AppField name="password">
                {(f) => <f.TextField label="Your password" type="password" autoComplete="current-password" />}
              </start.AppField>
              <start.SubmitButton label={on ? "Turn off two-factor sign-in" : "Set up two-factor sign-in"} />
            </start.Form>
          </start.AppForm>
        </>
      )}
    </section>
  );
}
