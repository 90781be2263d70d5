/**
 * The convenor invites people, disables accounts, issues password-reset links (no mail server
 * assumed), downloads or erases a person's data, and sees the accounts left unused.
 */
import {
  eraseInputSchema,
  formerMemberName,
  type Invitation,
  invitationSchema,
  nameConfirms,
  type Role,
  roleLabels,
  roles,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { type Account, api, call } from "../api.ts";
import { ConfirmDialog, Dialog } from "../components/dialog.tsx";
import { ErrorMessage, Skeleton } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { formatDate } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { stillInGroup } from "../organisation-choices.ts";
import { accountsQuery, dormantAccountsQuery, meQuery, organisationsQuery } from "../queries.ts";

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
      <DormantAccounts />
    </>
  );
}

/** Accounts nobody has used for the limit: warned in their inbox (and by email), disabled after the warning period. */
function DormantAccounts() {
  const dormant = useQuery(dormantAccountsQuery);
  const queryClient = useQueryClient();
  const toast = useToast();
  const sweep = useMutation({
    mutationFn: () => call(api.accounts.dormant.sweep.$post()),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["accounts"] });
      toast(`Warned ${res.warned} and disabled ${res.disabled} unused ${res.warned + res.disabled === 1 ? "account" : "accounts"}.`);
    },
  });
  const stateWords = (a: { state: string; disablesAt: string | null }) =>
    a.state === "warned" && a.disablesAt
      ? `Warned; disabled on ${formatDate(a.disablesAt)} unless used`
      : a.state === "due_warning"
        ? "To be warned"
        : "To be disabled";
  return (
    <section aria-labelledby="dormant-heading">
      <h2 id="dormant-heading">Unused accounts</h2>
      {dormant.isLoading ? (
        <Skeleton lines={2} />
      ) : dormant.error ? (
        <ErrorMessage error={dormant.error} />
      ) : dormant.data ? (
        <>
          <p className="hint">
            An account nobody has used for {dormant.data.months} months is warned in its inbox (and by email when email is set up), and
            disabled {dormant.data.warningDays} days later if it is still unused. Convene checks every few hours; the last convenor is never
            disabled.
          </p>
          {dormant.data.accounts.length === 0 ? (
            <p>No account has gone unused for {dormant.data.months} months.</p>
          ) : (
            <>
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Organisation</th>
                      <th scope="col">Last used</th>
                      <th scope="col">State</th>
                    </tr>
                  </thead>
                  <tbody>
                    {dormant.data.accounts.map((a) => (
                      <tr key={a.id}>
                        <th scope="row">{a.name}</th>
                        <td data-label="Organisation">{a.organisationName ?? "—"}</td>
                        <td data-label="Last used">{formatDate(a.lastUsedAt)}</td>
                        <td data-label="State">{stateWords(a)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p>
                <button type="button" className="button secondary small" onClick={() => sweep.mutate()} disabled={sweep.isPending}>
                  {sweep.isPending ? "Working…" : "Warn and disable now"}
                </button>
              </p>
            </>
          )}
        </>
      ) : null}
    </section>
  );
}

/** Erasing asks for the name typed, and says first what goes and what stays. */
function EraseDialog({ user: u, open, onClose }: { user: Account; open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const erase = useMutation({
    mutationFn: (confirmName: string) => call(api.accounts[":id"].erase.$post({ param: { id: u.id }, json: { confirmName } })),
    onSuccess: (res) => {
      onClose();
      void queryClient.invalidateQueries({ queryKey: ["accounts"] });
      toast(`${u.name} is erased. What they wrote now shows “${res.shownAs}”.`);
    },
  });
  const schema = useMemo(
    () =>
      eraseInputSchema.refine((v) => nameConfirms(v.confirmName, u.name), {
        error: `Type ${u.name} exactly to confirm`,
        path: ["confirmName"],
      }),
    [u.name],
  );
  const form = useAppForm({
    defaultValues: { confirmName: "" },
    validators: { onSubmit: schema },
    onSubmit: ({ value }) => erase.mutate(value.confirmName),
  });
  const shownAs = formerMemberName(u.organisationName);
  return (
    <Dialog open={open} title={`Erase ${u.name}?`} onClose={onClose}>
      <div className="dialog-body">
        <p>This cannot be undone. At once:</p>
        <ul>
          <li>their account goes, with its sessions, two-factor sign-in, inbox, calendar link and any links sent to them;</li>
          <li>
            their name on what they wrote (updates, contributions, alert answers, positions, signatures) becomes “{shownAs}”; the goals,
            updates, answers and signatures stay, attributed to the organisation;
          </li>
          <li>the audit log keeps what was done, without their name or email address.</li>
        </ul>
        <p>Download their data first if they asked for a copy.</p>
        <form.AppForm>
          <form.Form idPrefix={`erase-${u.id}`} error={erase.error}>
            <form.AppField name="confirmName">
              {(f) => <f.TextField label={`Type their name, ${u.name}, to confirm`} autoComplete="off" spellCheck={false} />}
            </form.AppField>
            <div className="actions">
              <form.SubmitButton label="Erase this person" busy={erase.isPending} busyLabel="Erasing…" className="button danger" />
              <button type="button" className="button secondary" onClick={onClose}>
                Cancel
              </button>
            </div>
          </form.Form>
        </form.AppForm>
      </div>
    </Dialog>
  );
}

function UserRow({ user: u, self, onLink }: { user: Account; self: boolean; onLink: (url: string) => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [confirmingTwoFactor, setConfirmingTwoFactor] = useState(false);
  const [erasing, setErasing] = useState(false);
  const resetTwoFactor = useMutation({
    mutationFn: () => call(api.accounts[":id"]["reset-two-factor"].$post({ param: { id: u.id } })),
    onSuccess: () => {
      setConfirmingTwoFactor(false);
      void queryClient.invalidateQueries({ queryKey: ["accounts"] });
      toast(`${u.name} can sign in with their password alone until they set up two-factor again.`);
    },
  });
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
        {u.twoFactorEnabled && (
          <button type="button" className="button small secondary" onClick={() => setConfirmingTwoFactor(true)}>
            Reset two-factor
          </button>
        )}
        <ConfirmDialog
          open={confirmingTwoFactor}
          title={`Reset ${u.name}'s two-factor sign-in?`}
          confirmLabel="Reset two-factor"
          busy={resetTwoFactor.isPending}
          onConfirm={() => resetTwoFactor.mutate()}
          onCancel={() => setConfirmingTwoFactor(false)}
        >
          <p>
            For someone who has lost their phone and their backup codes. Their password alone signs them in until they set two-factor up
            again on their account page. Make sure it is really them asking.
          </p>
        </ConfirmDialog>
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
        <a
          className="button small secondary"
          href={`/api/accounts/${encodeURIComponent(u.id)}/export`}
          download
          aria-label={`Download ${u.name}'s data`}
        >
          Download data
        </a>
        {!self && (
          <button type="button" className="button small danger" onClick={() => setErasing(true)} aria-label={`Erase ${u.name}`}>
            Erase
          </button>
        )}
        {!self && <EraseDialog user={u} open={erasing} onClose={() => setErasing(false)} />}
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
  const invite = useMutation({
    mutationFn: (json: Parameters<typeof api.accounts.invitations.$post>[0]["json"]) => call(api.accounts.invitations.$post({ json })),
    onSuccess: (res, vars) => {
      void queryClient.invalidateQueries({ queryKey: ["accounts"] });
      onLink(res.link, vars.name);
      form.reset();
    },
  });
  const form = useAppForm({
    defaultValues: { name: "", email: "", role: "member" as Role, organisationId: null as number | null },
    // The API's schema may leave out organisationId; the form always holds it.
    validators: { onChange: shapedSchema((v: Invitation) => v, invitationSchema) },
    onSubmit: ({ value }) => invite.mutate(invitationSchema.parse(value)),
  });
  return (
    <section className="card form-card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <p className="hint">You get a one-time link to send them yourself; it works for 14 days.</p>
      <form.AppForm>
        <form.Form idPrefix="invite" error={invite.error}>
          <div className="field-row">
            <form.AppField name="name">{(f) => <f.TextField label="Name" autoComplete="off" />}</form.AppField>
            <form.AppField name="email">{(f) => <f.TextField label="Email address" type="email" autoComplete="off" />}</form.AppField>
            <form.AppField name="role" listeners={{ onChange: () => form.validateField("organisationId", "change") }}>
              {(f) => <f.ChoiceField label="Role" options={roles} labels={roleLabels} />}
            </form.AppField>
            <form.Subscribe selector={(s) => s.values.role}>
              {(role) => (
                <form.AppField name="organisationId">
                  {(f) => (
                    <f.RecordField
                      label={role === "member" ? "Organisation" : "Organisation (optional)"}
                      records={stillInGroup(orgs.data?.organisations)}
                      none="Choose…"
                    />
                  )}
                </form.AppField>
              )}
            </form.Subscribe>
          </div>
          <form.SubmitButton label="Create invitation link" busy={invite.isPending} />
        </form.Form>
      </form.AppForm>
    </section>
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
