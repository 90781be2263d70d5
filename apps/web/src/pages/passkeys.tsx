/**
 * On the account page: passkeys (a phone, a laptop's fingerprint reader, a security key) that
 * sign the person in without a password, and that a phishing page cannot replay. Each gets a
 * name the person chooses, so they can tell which to remove when a device is lost.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { z } from "zod";
import { authClient } from "../auth-client.ts";
import { ConfirmDialog } from "../components/dialog.tsx";
import { Skeleton } from "../components/states.tsx";
import { formatDate } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";

const nameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "Name this passkey, for example “Work laptop”" })
    .max(60, { error: "Use 60 characters or fewer" }),
});
const passkeysKey = ["passkeys"];

interface Passkey {
  id: string;
  name?: string | null;
  createdAt: Date | string;
}

/** `onChange` is told when a passkey is added or removed, so a page that waits for one can ask the server again. */
export function Passkeys({ onChange }: { onChange?: () => void } = {}) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const list = useQuery({
    queryKey: passkeysKey,
    queryFn: async () => {
      const { data, error } = await authClient.passkey.listUserPasskeys();
      if (error) throw new Error(error.message ?? "Your passkeys could not be loaded.");
      return (data ?? []) as Passkey[];
    },
  });
  const add = useAppForm({
    defaultValues: { name: "" },
    validators: { onChange: nameSchema },
    onSubmit: async ({ value }) => {
      setError(null);
      setAdded(null);
      const name = value.name.trim();
      const result = await authClient.passkey.addPasskey({ name });
      if (result?.error) {
        setError(
          "code" in result.error && /CANCELLED/.test(result.error.code)
            ? "No passkey was made: the request was cancelled or timed out. Try again."
            : (result.error.message ?? "No passkey was made. Try again."),
        );
        return;
      }
      add.reset();
      setAdded(name);
      await queryClient.invalidateQueries({ queryKey: passkeysKey });
      onChange?.();
    },
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      const { error } = await authClient.passkey.deletePasskey({ id });
      if (error) throw new Error(error.message ?? "The passkey was not removed. Try again.");
    },
    onSuccess: async () => {
      setRemoving(null);
      await queryClient.invalidateQueries({ queryKey: passkeysKey });
      onChange?.();
    },
  });

  return (
    <section aria-labelledby="pk-heading">
      <h2 id="pk-heading">Passkeys</h2>
      <p>
        A passkey signs you in with your device’s fingerprint, face or PIN instead of your password, and cannot be used by a fake sign-in
        page.
      </p>
      {list.isLoading ? (
        <Skeleton lines={2} />
      ) : list.data && list.data.length > 0 ? (
        <ul className="plain-list">
          {list.data.map((p) => (
            <li key={p.id}>
              <strong>{p.name || "Unnamed passkey"}</strong>{" "}
              <span className="muted">added {formatDate(new Date(p.createdAt).toISOString())}</span>{" "}
              <button type="button" className="link-button danger-text" onClick={() => setRemoving(p)}>
                Remove<span className="visually-hidden"> {p.name || "unnamed passkey"}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>You have no passkeys yet.</p>
      )}
      {added && (
        <p className="success-box" role="status">
          Passkey “{added}” added. You can sign in with it next time.
        </p>
      )}
      <add.AppForm>
        <add.Form idPrefix="pk" error={error}>
          <add.AppField name="name">
            {(f) => <f.TextField label="Name for a new passkey" hint="For example “Work laptop” or “My phone”." />}
          </add.AppField>
          <add.SubmitButton label="Add a passkey" />
        </add.Form>
      </add.AppForm>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove the passkey “${removing?.name || "Unnamed passkey"}”?`}
        confirmLabel="Remove the passkey"
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onCancel={() => setRemoving(null)}
      >
        <p>It will no longer sign you in. Remove it if the device is lost or no longer yours.</p>
        {remove.error && <p role="alert">{remove.error.message}</p>}
      </ConfirmDialog>
    </section>
  );
}
