/** The convenor invites people, disables accounts and issues password-reset links (no mail server assumed). */
import { type Role, roleLabels, roles } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type Account, api, call } from "../api.ts";
import { ConfirmDialog } from "../components/dialog.tsx";
import { Field } from "../components/field.tsx";
import { ErrorMessage, Skeleton } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { apiFieldErrors } from "../form-errors.ts";
import { formatDate } from "../format.ts";
import { accountsQuery, meQuery, organisationsQuery } from "../queries.ts";

export function AdminAccountsPage() {
  const accounts = useQuery(accountsQuery);
  const me = useQuery(meQuery);
  const [link, setLink] = useState<{ text: string; url: string } | null>(null);
  return (
    <>
      <h1>Accounts</h1>
      {link && <LinkBox title={link.text} url={link.url} onDone={() => setLink(null)} />}
      <InviteForm onLink={(url, who) => setLink({ text: `Invitation link for ${who}`, url })} />
      <section aria-labelledby="people-heading">
        <h2 id="people-heading">People</h2>
        {accounts.isLoading ? (
          <Skeleton lines={6} />
        ) : accounts.error ? (
          <ErrorMessage error={accounts.error} />
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {accounts.data?.users.map((u) => (
                  <UserRow
                    key={u.id}
                    user={u}
                    self={u.id === me.data?.user?.id}
                    onLink={(url) => setLink({ text: `Password-reset link for ${u.name}`, url })}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {accounts.data && accounts.data.invitations.length > 0 && (
          <>
            <h3>Invitations not yet accepted</h3>
            <ul className="plain-list">
              {accounts.data.invitations.map((i) => (
                <li key={i.id}>
                  {i.name} ({i.email}), {roleLabels[i.role]}
                  {i.organisationName ? ` of ${i.organisationName}` : ""} — expires {formatDate(i.expiresAt)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

function UserRow({ user: u, self, onLink }: { user: Account; self: boolean; onLink: (url: string) => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const toggle = useMutation({
    mutationFn: async (disable: boolean): Promise<{ disabled: boolean }> =>
      disable
        ? call(api.accounts[":id"].disable.$post({ param: { id: u.id } }))
        : call(api.accounts[":id"].enable.$post({ param: { id: u.id } })),
    onSuccess: (res) => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: ["accounts"] });
      toast(
        res.disabled ? `${u.name} can no longer sign in.` : `${u.name} can sign in again.`,
        res.disabled ? () => toggle.mutate(false) : undefined,
      );
    },
  });
  const reset = useMutation({
    mutationFn: () => call(api.accounts[":id"]["reset-link"].$post({ param: { id: u.id } })),
    onSuccess: (res) => onLink(res.link),
  });
  return (
    <tr>
      <th scope="row">{u.name}</th>
      <td data-label="Email">{u.email}</td>
      <td data-label="Role">{u.role ? roleLabels[u.role] : "—"}</td>
      <td data-label="Organisation">{u.organisationName ?? "—"}</td>
      <td data-label="State">{u.disabled ? "Disabled" : "Active"}</td>
      <td className="row-actions">
        <button type="button" className="button small secondary" onClick={() => reset.mutate()} disabled={reset.isPending}>
          Reset link
        </button>
        {!self &&
          (u.disabled ? (
            <button type="button" className="button small secondary" onClick={() => toggle.mutate(false)}>
              Enable
            </button>
          ) : (
            <button type="button" className="button small danger" onClick={() => setConfirming(true)}>
              Disable
            </button>
          ))}
        <ConfirmDialog
          open={confirming}
          title={`Disable ${u.name}'s account?`}
          confirmLabel="Disable account"
          busy={toggle.isPending}
          onConfirm={() => toggle.mutate(true)}
          onCancel={() => setConfirming(false)}
        >
          <p>They are signed out at once and cannot sign in until you enable the account again. Their updates and history stay.</p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}

function InviteForm({ onLink }: { onLink: (url: string, who: string) => void }) {
  const orgs = useQuery(organisationsQuery);
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>("member");
  const invite = useMutation({
    mutationFn: (json: { email: string; name: string; role: Role; organisationId: number | null }) =>
      call(api.accounts.invitations.$post({ json })),
    onSuccess: (res, vars) => {
      void queryClient.invalidateQueries({ queryKey: ["accounts"] });
      onLink(res.link, vars.name);
    },
  });
  const errors = apiFieldErrors(invite.error);
  return (
    <form
      className="form card"
      aria-labelledby="invite-heading"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        invite.mutate(
          {
            email: String(f.get("email")),
            name: String(f.get("name")),
            role,
            organisationId: f.get("organisationId") ? Number(f.get("organisationId")) : null,
          },
          { onSuccess: () => (e.target as HTMLFormElement).reset() },
        );
      }}
    >
      <h2 id="invite-heading">Invite someone</h2>
      <p className="hint">You get a one-time link to send them yourself; it works for 14 days.</p>
      <div className="field-row">
        <Field id="invite-name" label="Name" error={errors.name}>
          {(p) => <input {...p} name="name" required />}
        </Field>
        <Field id="invite-email" label="Email address" error={errors.email}>
          {(p) => <input {...p} name="email" type="email" required />}
        </Field>
        <Field id="invite-role" label="Role" error={errors.role}>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="invite-org" label={role === "member" ? "Organisation" : "Organisation (optional)"} error={errors.organisationId}>
          {(p) => (
            <select {...p} name="organisationId" required={role === "member"} defaultValue="">
              <option value="">Choose…</option>
              {orgs.data?.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {invite.error && !Object.keys(errors).length && <ErrorMessage error={invite.error} />}
      <button type="submit" className="button" disabled={invite.isPending}>
        Create invitation link
      </button>
    </form>
  );
}

function LinkBox({ title, url, onDone }: { title: string; url: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="success-box" role="status">
      <p>
        <strong>{title}</strong> — send it to them yourself. It can be used once.
      </p>
      <p>
        <input className="link-output" readOnly value={url} aria-label={title} onFocus={(e) => e.target.select()} />
      </p>
      <div className="actions">
        <button
          type="button"
          className="button small"
          onClick={async () => {
            await navigator.clipboard?.writeText(url);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy link"}
        </button>
        <button type="button" className="button small secondary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
