/**
 * One sign-on statement: its text (Markdown) with its version, my organisation's signature (for
 * someone marked as able to sign for it, named or unnamed; a changed text asks to confirm again),
 * the signatures the viewer may see, the recipients with the date sent and the reply, and for the
 * convenor who may sign for each organisation, recipients, replies and publishing.
 */
import { publishSchema, recipientInputSchema, recipientPatchSchema, signatureInputSchema, signRefusal, todayIso } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useAccess } from "../access.ts";
import { ApiFailure, api, call, type StatementDetail } from "../api.ts";
import { Dialog } from "../components/dialog.tsx";
import { Markdown } from "../components/markdown.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatCompactDate, formatDate, formatDateTime } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { stillInGroup, useOrganisationLabel } from "../organisation-choices.ts";
import { accountsQuery, organisationsQuery, statementQuery } from "../queries.ts";
import { useSoftDelete } from "../soft-delete.tsx";
import { signatureWords, statementKindLabels, statementStateLabels } from "../statement-format.ts";

type Recipient = StatementDetail["recipients"][number];
type Signature = StatementDetail["signatures"][number];

export function StatementPage() {
  const { statementId } = useParams({ from: "/app/statements/$statementId" });
  const detail = useQuery(statementQuery(statementId));
  const { user, isConvenor } = useAccess();
  const organisationName = useOrganisationLabel();

  if (detail.isLoading) return <SkeletonPage title="Statement" />;
  if (detail.error || !detail.data) {
    return (
      <>
        <h1>Statement</h1>
        <ErrorMessage error={detail.error} retry={() => detail.refetch()} />
        <p>
          <Link to="/statements">Back to statements</Link>
        </p>
      </>
    );
  }
  const d = detail.data;
  const s = d.statement;
  const myOrg = user?.organisationId ?? null;
  const maySign = myOrg !== null && user != null && d.signers.some((x) => x.userId === user.id && x.organisationId === myOrg);

  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/statements">Statements</Link>
      </p>
      <div className="page-head">
        <h1>{s.title}</h1>
        {isConvenor && s.state === "open" && (
          <Link to="/statements/$statementId/edit" params={{ statementId }} className="button secondary no-print">
            Edit statement
          </Link>
        )}
      </div>
      <div className="alert-card-tags">
        <span className="alert-kind">{statementKindLabels[s.kind]}</span>
        <span className="alert-kind">{statementStateLabels[s.state]}</span>
        <VisibilityBadge visibility={s.visibility} />
      </div>
      <dl className="facts">
        <dt>{s.state === "published" ? "Published" : "Sign by"}</dt>
        <dd>{s.state === "published" ? formatDate(s.publishedOn) : formatDateTime(s.deadline)}</dd>
        <dt>Signatures</dt>
        <dd>{signatureWords(s.signatures)}</dd>
      </dl>

      <section className="card" aria-labelledby="text-title">
        <h2 id="text-title">The text (version {s.textVersion})</h2>
        <Markdown text={s.text} />
        <p className="muted small">
          Version {s.textVersion}, {formatCompactDate(d.versions.find((v) => v.textVersion === s.textVersion)?.createdAt ?? s.updatedAt)}
        </p>
      </section>

      {maySign && myOrg !== null && <OwnSignature detail={d} organisationId={myOrg} userId={user?.id ?? ""} />}

      <section className="no-print" aria-labelledby="letter-title">
        <h2 id="letter-title">The letter to send</h2>
        <p className="muted">
          The text as it stands, with the date, the recipients and the organisations listed publicly that signed this version
          {s.state === "open" ? " (marked as a draft until it is published)" : ""}.
        </p>
        <p className="action-row">
          <a className="button secondary" href={`/api/statements/${s.id}/letter.pdf`} download>
            Download as PDF
          </a>
          <a className="button secondary" href={`/api/statements/${s.id}/letter.docx`} download>
            Download as Word
          </a>
        </p>
      </section>

      <section aria-labelledby="signatures-title">
        <h2 id="signatures-title">Signatures</h2>
        {d.signatures.length === 0 ? (
          <EmptyState title="No signatures yet">
            <p>Each organisation that signs appears here, named or unnamed as it chose.</p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Signatures by organisation</caption>
              <thead>
                <tr>
                  <th scope="col">Organisation</th>
                  <th scope="col">Listed</th>
                  <th scope="col">Text signed</th>
                  <th scope="col">Signed by</th>
                </tr>
              </thead>
              <tbody>
                {d.signatures.map((sig) => (
                  <tr key={sig.id}>
                    <th scope="row">{organisationName(sig.organisationId, sig.organisationName)}</th>
                    <td>{sig.named ? "Publicly" : "Unnamed"}</td>
                    <td>
                      Version {sig.confirmedTextVersion}
                      {sig.needsConfirmation && <strong> — to confirm again</strong>}
                    </td>
                    <td className="nowrap">
                      {sig.signedByName ?? "—"} <span className="muted small">on {formatCompactDate(sig.updatedAt)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <Recipients detail={d} isConvenor={isConvenor} />

      {isConvenor && <ConvenorPanel detail={d} />}
    </>
  );
}

function useStatementAction<J>(send: (json: J) => Promise<unknown>, doneWords: string, onDone?: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const action = useMutation({
    mutationFn: send,
    onSuccess: () => {
      onDone?.();
      void queryClient.invalidateQueries({ queryKey: ["statements"] });
      toast(doneWords);
    },
  });
  const error =
    action.error instanceof ApiFailure && action.error.status === 409 && action.error.details?.current
      ? "Someone else changed this statement since the page loaded. Close this window to see it as it is now."
      : action.error;
  return { action, error };
}

type StatementEndpoint = (typeof api.statements)[":id"];
type SignJson = Parameters<StatementEndpoint["signature"]["$put"]>[0]["json"];

const namedChoices = [
  { value: true, label: "Listed publicly as a signatory" },
  { value: false, label: "Supporting it unnamed (never shown outside the membership)" },
];

function OwnSignature({ detail: d, organisationId, userId }: { detail: StatementDetail; organisationId: number; userId: string }) {
  const s = d.statement;
  const mine = d.signatures.find((sig) => sig.organisationId === organisationId);
  const refusal = signRefusal(s, d.signers, { userId, organisationId }, new Date());
  const { action, error } = useStatementAction(
    (json: SignJson) => call(api.statements[":id"].signature.$put({ param: { id: String(s.id) }, json })),
    mine ? (mine.needsConfirmation ? "Signature confirmed on the new text." : "Signature changed.") : "Signed.",
  );
  const withdraw = useSoftDelete<Signature>({
    family: "statements",
    verb: "remove",
    name: () => "your organisation's signature",
    confirmLabel: "Withdraw signature",
    lost: (sig) => (
      <p>
        {sig.organisationName} will no longer be a signatory of “{s.title}”. You can sign again until {formatDateTime(s.deadline)}.
      </p>
    ),
    remove: () => call(api.statements[":id"].signature.$delete({ param: { id: String(s.id) }, query: {} })),
    restore: (sig) =>
      call(
        api.statements[":id"].signature.$put({
          param: { id: String(s.id) },
          json: { named: sig.named, textVersion: sig.confirmedTextVersion },
        }),
      ),
  });
  const changes = d.versions.filter((v) => mine && v.textVersion > mine.confirmedTextVersion);
  const form = useAppForm({
    defaultValues: { named: (mine?.named ?? null) as boolean | null },
    validators: {
      onChange: shapedSchema((v: { named: boolean | null }) => ({ named: v.named, textVersion: s.textVersion }), signatureInputSchema),
    },
    onSubmit: ({ value }) => action.mutate({ named: value.named ?? true, textVersion: s.textVersion }),
  });
  return (
    <section className="card answer-card" aria-labelledby="own-signature-title">
      <h2 id="own-signature-title">Your organisation's signature</h2>
      {mine ? (
        <p>
          Signed {mine.named ? "publicly" : "unnamed"} by {mine.signedByName ?? "a member"} on {formatCompactDate(mine.updatedAt)}, on
          version {mine.confirmedTextVersion}.
        </p>
      ) : (
        <p>Your organisation has not signed yet.</p>
      )}
      {mine?.needsConfirmation && (
        <div className="notice">
          <p>
            <strong>The text has changed since your organisation signed.</strong> Confirm again to stay a signatory.
          </p>
          {changes.map((v) => (
            <p key={v.textVersion}>
              Version {v.textVersion} ({v.createdByName}, {formatCompactDate(v.createdAt)}): {v.changeNote || "no note given"}
            </p>
          ))}
        </div>
      )}
      {refusal ? (
        <p className="muted">{refusal.message}</p>
      ) : (
        <form.AppForm>
          <form.Form className="form answer-form" idPrefix="sign" error={error}>
            <form.AppField name="named">
              {(f) => <f.RadiosField label="How your organisation signs" options={namedChoices} />}
            </form.AppField>
            <form.SubmitButton
              label={!mine ? "Sign for my organisation" : mine.needsConfirmation ? "Confirm on the new text" : "Change signature"}
              busyLabel="Sending…"
              busy={action.isPending}
            />
          </form.Form>
        </form.AppForm>
      )}
      {mine && !refusal && (
        <p>
          <button type="button" className="button secondary" onClick={() => withdraw.ask(mine)} disabled={withdraw.isPending}>
            Withdraw signature
          </button>
        </p>
      )}
      {withdraw.dialog}
    </section>
  );
}

function Recipients({ detail: d, isConvenor }: { detail: StatementDetail; isConvenor: boolean }) {
  const [replying, setReplying] = useState<Recipient | null>(null);
  return (
    <section aria-labelledby="recipients-title">
      <h2 id="recipients-title">Recipients and replies</h2>
      {d.recipients.length === 0 ? (
        <p className="muted">No recipients recorded yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Recipients, when it was sent and their replies</caption>
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">Sent</th>
                <th scope="col">Reply</th>
                {isConvenor && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {d.recipients.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.name}</th>
                  <td className="nowrap">{r.sentOn ? formatCompactDate(r.sentOn) : <span className="muted">Not sent yet</span>}</td>
                  <td>
                    {r.repliedOn ? (
                      <>
                        <span className="nowrap">{formatCompactDate(r.repliedOn)}</span>
                        {r.replySummary && <>: {r.replySummary}</>}
                        {r.replyUrl && (
                          <>
                            {" "}
                            <a href={r.replyUrl} rel="noopener noreferrer nofollow">
                              Read the reply<span className="visually-hidden"> from {r.name}</span>
                            </a>
                          </>
                        )}
                        {r.replyText && <p className="description small">{r.replyText}</p>}
                      </>
                    ) : (
                      <span className="muted">No reply yet</span>
                    )}
                  </td>
                  {isConvenor && (
                    <td>
                      <button type="button" className="button small secondary no-print" onClick={() => setReplying(r)}>
                        Record sent or reply<span className="visually-hidden"> for {r.name}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isConvenor && (
        <Dialog
          open={replying !== null}
          title={replying ? `Sent to and reply from ${replying.name}` : ""}
          onClose={() => setReplying(null)}
        >
          {replying && <ReplyForm statementId={d.statement.id} recipient={replying} onDone={() => setReplying(null)} />}
        </Dialog>
      )}
    </section>
  );
}

interface ReplyValues {
  sentOn: string | null;
  repliedOn: string | null;
  replySummary: string;
  replyText: string;
  replyUrl: string | null;
}

// The form holds what the API takes; the wrapper only lets the kit's value types stand for the schema's input.
const replySchema = shapedSchema((v: ReplyValues) => v, recipientPatchSchema);
const recipientSchema = shapedSchema((v: { name: string; sentOn: string | null }) => v, recipientInputSchema);

function ReplyForm({ statementId, recipient: r, onDone }: { statementId: number; recipient: Recipient; onDone: () => void }) {
  const { action, error } = useStatementAction(
    (json: ReplyValues) =>
      call(
        api.statements[":id"].recipients[":recipientId"].$patch({ param: { id: String(statementId), recipientId: String(r.id) }, json }),
      ),
    "Recipient saved.",
    onDone,
  );
  const form = useAppForm({
    defaultValues: {
      sentOn: r.sentOn,
      repliedOn: r.repliedOn,
      replySummary: r.replySummary,
      replyText: r.replyText,
      replyUrl: r.replyUrl,
    } as ReplyValues,
    validators: { onChange: replySchema },
    onSubmit: ({ value }) => action.mutate(value),
  });
  return (
    <form.AppForm>
      <form.Form idPrefix="reply" error={error}>
        <form.AppField name="sentOn">{(f) => <f.DateField label="Date sent" optional />}</form.AppField>
        <form.AppField name="repliedOn">{(f) => <f.DateField label="Date of the reply" optional />}</form.AppField>
        <form.AppField name="replySummary">{(f) => <f.TextAreaField label="Summary of the reply" rows={2} />}</form.AppField>
        <form.AppField name="replyText">{(f) => <f.TextAreaField label="Text of the reply (optional)" rows={4} />}</form.AppField>
        <form.AppField name="replyUrl">{(f) => <f.TextField label="Link to the reply (optional)" type="url" nullable />}</form.AppField>
        <form.Actions label="Save" busy={action.isPending} onCancel={onDone} />
      </form.Form>
    </form.AppForm>
  );
}

function ConvenorPanel({ detail: d }: { detail: StatementDetail }) {
  const s = d.statement;
  const [publishing, setPublishing] = useState(false);
  return (
    <section className="convenor-actions" aria-labelledby="convenor-title">
      <h2 id="convenor-title">For the convenor</h2>
      {s.state === "open" && <SignersForm detail={d} />}
      <AddRecipientForm statementId={s.id} />
      {s.state === "open" && (
        <div className="no-print">
          <h3>Publish</h3>
          <p className="muted">
            Publishing records a milestone naming the organisations listed publicly that have confirmed the final text; unnamed supporters
            are never named.
          </p>
          <button type="button" className="button" onClick={() => setPublishing(true)}>
            Publish statement
          </button>
          <Dialog open={publishing} title="Publish this statement?" onClose={() => setPublishing(false)}>
            {publishing && <PublishForm detail={d} onDone={() => setPublishing(false)} />}
          </Dialog>
        </div>
      )}
      {s.milestoneId && (
        <p>
          Recorded as a milestone. <Link to="/milestones">See the milestones</Link>
        </p>
      )}
    </section>
  );
}

interface SignersValues {
  organisationId: number | null;
  userIds: string[];
}

/** Who may sign for an organisation: chosen from that organisation's member accounts. */
function SignersForm({ detail: d }: { detail: StatementDetail }) {
  const orgs = useQuery(organisationsQuery);
  const accounts = useQuery(accountsQuery);
  const { action, error } = useStatementAction(
    ({ organisationId, userIds }: { organisationId: number; userIds: string[] }) =>
      call(
        api.statements[":id"].signers[":organisationId"].$put({
          param: { id: String(d.statement.id), organisationId: String(organisationId) },
          json: { userIds },
        }),
      ),
    "Signers saved.",
  );
  const form = useAppForm({
    defaultValues: { organisationId: null, userIds: [] } as SignersValues,
    validators: {
      onSubmit: ({ value }) => (value.organisationId === null ? { fields: { organisationId: "Choose an organisation" } } : undefined),
    },
    onSubmit: ({ value }) => {
      if (value.organisationId !== null) action.mutate({ organisationId: value.organisationId, userIds: value.userIds });
    },
  });
  const members = (orgId: number | null) =>
    (accounts.data?.users ?? []).filter((u) => u.role === "member" && u.organisationId === orgId).map((u) => ({ id: u.id, name: u.name }));
  return (
    <div className="no-print">
      <h3>Who may sign for each organisation</h3>
      {d.signers.length === 0 ? (
        <p className="muted">Nobody has been marked yet: mark at least one person for each organisation you want to sign.</p>
      ) : (
        <ul>
          {d.signers.map((x) => (
            <li key={`${x.organisationId}-${x.userId}`}>
              {x.userName}, {x.organisationName}
            </li>
          ))}
        </ul>
      )}
      <form.AppForm>
        <form.Form idPrefix="signers" error={error}>
          <form.AppField
            name="organisationId"
            listeners={{
              // A new organisation starts from whoever is marked for it now.
              onChange: ({ value }) =>
                form.setFieldValue(
                  "userIds",
                  d.signers.filter((x) => x.organisationId === value).map((x) => x.userId),
                ),
            }}
          >
            {(f) => <f.RecordField label="Organisation" records={stillInGroup(orgs.data?.organisations)} none="Choose an organisation" />}
          </form.AppField>
          <form.Subscribe selector={(st) => st.values.organisationId}>
            {(orgId) =>
              orgId !== null && (
                <form.AppField name="userIds">
                  {(f) =>
                    members(orgId).length === 0 ? (
                      <p className="muted">This organisation has no member accounts yet.</p>
                    ) : (
                      <StringCheckboxes label="May sign for it" options={members(orgId)} value={f.state.value} onChange={f.handleChange} />
                    )
                  }
                </form.AppField>
              )
            }
          </form.Subscribe>
          <form.SubmitButton label="Save signers" busy={action.isPending} />
        </form.Form>
      </form.AppForm>
    </div>
  );
}

/** Accounts are named by text ids, which the kit's record checkboxes (numeric ids) do not take. */
function StringCheckboxes({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { id: string; name: string }[];
  value: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <fieldset className="field-group">
      <legend>{label}</legend>
      <div className="checkbox-grid">
        {options.map((o) => (
          <label key={o.id} className="checkbox">
            <input
              type="checkbox"
              checked={value.includes(o.id)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((x) => x !== o.id))}
            />{" "}
            {o.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function AddRecipientForm({ statementId }: { statementId: number }) {
  const { action, error } = useStatementAction(
    (json: { name: string; sentOn: string | null }) =>
      call(api.statements[":id"].recipients.$post({ param: { id: String(statementId) }, json })),
    "Recipient added.",
  );
  const form = useAppForm({
    defaultValues: { name: "", sentOn: null as string | null },
    validators: { onChange: recipientSchema },
    onSubmit: ({ value }) => action.mutate(value, { onSuccess: () => form.reset() }),
  });
  return (
    <div className="no-print">
      <h3>Add a recipient</h3>
      <form.AppForm>
        <form.Form idPrefix="recipient" error={error}>
          <div className="field-row">
            <form.AppField name="name">{(f) => <f.TextField label="Recipient" hint="For example, the Foreign Secretary" />}</form.AppField>
            <form.AppField name="sentOn">{(f) => <f.DateField label="Date sent (optional)" optional />}</form.AppField>
          </div>
          <form.SubmitButton label="Add recipient" busy={action.isPending} />
        </form.Form>
      </form.AppForm>
    </div>
  );
}

function PublishForm({ detail: d, onDone }: { detail: StatementDetail; onDone: () => void }) {
  const s = d.statement;
  const { action, error } = useStatementAction(
    (json: { version: number; publishedOn: string }) => call(api.statements[":id"].publish.$post({ param: { id: String(s.id) }, json })),
    "Statement published and recorded as a milestone.",
    onDone,
  );
  const schema = useMemo(() => shapedSchema((v: { publishedOn: string }) => ({ ...v, version: s.version }), publishSchema), [s.version]);
  const form = useAppForm({
    defaultValues: { publishedOn: todayIso() },
    validators: { onChange: schema },
    onSubmit: ({ value }) => action.mutate({ ...value, version: s.version }),
  });
  const named = d.signatures.filter((x) => x.named && !x.needsConfirmation);
  return (
    <form.AppForm>
      <form.Form idPrefix="publish" error={error}>
        <p>
          The milestone will name {named.length === 0 ? "no organisation" : named.map((x) => x.organisationName).join(", ")}. Publishing
          ends signatures and cannot be undone.
        </p>
        <form.AppField name="publishedOn">{(f) => <f.DateField label="Date published" />}</form.AppField>
        <form.Actions label="Publish" busyLabel="Publishing…" busy={action.isPending} onCancel={onDone} />
      </form.Form>
    </form.AppForm>
  );
}
