/**
 * One alert: the ask and the deadline, the viewer's organisation's answer (changeable until the
 * deadline), the tally of answers and, for the convenor, who has not answered yet and the
 * edit / close / withdraw controls.
 */
import {
  type AlertClose,
  type AlertResponse,
  alertAnswerSchema,
  alertCloseSchema,
  alertResponses,
  alertWithdrawSchema,
  answerRefusal,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { lazy, useMemo, useState } from "react";
import { useAccess } from "../access.ts";
import { deadlineWords, responseChoiceLabels, tallyWords } from "../alert-format.ts";
import { type AlertDetail, type AlertSummary, ApiFailure, api, call } from "../api.ts";
import { ChartFigure } from "../components/chart-figure.tsx";
import { Dialog } from "../components/dialog.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { AlertKindTag, AlertStateTag, UrgencyBadge } from "../components/urgency-badge.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatCompactDate, formatDateTime, plural } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { alertNotAnsweredQuery, alertQuery, organisationsQuery } from "../queries.ts";
import { AlertMilestoneAction } from "./alert-milestone-action.tsx";

const AnswerTallyChart = lazy(() => import("../charts/charts.tsx").then((m) => ({ default: m.AnswerTallyChart })));

/** Three marks at 3:1 or more against white, told apart in greyscale by their labels. */
const responseColours: Record<AlertResponse, string> = { join: "#1b7a3d", cannot: "#6b6f76", need_info: "#a65400" };
const chartLabels: Record<AlertResponse, string> = { join: "Joining", cannot: "Can't join", need_info: "Need info" };

export function AlertPage() {
  const { alertId } = useParams({ from: "/app/alerts/$alertId" });
  const detail = useQuery(alertQuery(alertId));
  const { user, isConvenor, speaksForOrganisation, mayEditAlert } = useAccess();

  if (detail.isLoading) return <SkeletonPage title="Alert" />;
  if (detail.error || !detail.data) {
    return (
      <>
        <h1>Alert</h1>
        <ErrorMessage error={detail.error} retry={() => detail.refetch()} />
        <p>
          <Link to="/alerts">Back to alerts</Link>
        </p>
      </>
    );
  }
  const { alert: a, answers } = detail.data;
  const refusal = answerRefusal(a, new Date());
  const mayEdit = mayEditAlert(a);

  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/alerts">Alerts</Link>
      </p>
      <div className="page-head">
        <h1>{a.title}</h1>
        {mayEdit && (
          <Link to="/alerts/$alertId/edit" params={{ alertId }} className="button secondary no-print">
            Edit alert
          </Link>
        )}
      </div>
      <div className="alert-card-tags">
        <UrgencyBadge urgency={a.urgency} />
        <AlertKindTag kind={a.kind} />
        <AlertStateTag state={a.state} />
        <VisibilityBadge visibility={a.visibility} />
      </div>
      <dl className="facts">
        <dt>Situation or country</dt>
        <dd>{a.situation}</dd>
        <dt>Deadline</dt>
        <dd>
          {formatDateTime(a.deadline)} <strong>({deadlineWords(a)})</strong>
        </dd>
        <dt>Raised by</dt>
        <dd>
          {a.raisedByName}
          {a.raisedByOrganisationName ? `, ${a.raisedByOrganisationName}` : ""} on {formatCompactDate(a.createdAt)}
        </dd>
      </dl>
      <section className="card alert-ask" aria-labelledby="ask-title">
        <h2 id="ask-title">The ask</h2>
        <p className="description">{a.ask}</p>
        {a.carries && <Carried carries={a.carries} />}
      </section>

      {a.state !== "open" && (
        <section className={a.state === "closed" ? "success-box" : "notice"} aria-labelledby="outcome-title">
          <h2 id="outcome-title">{a.state === "closed" ? "Outcome" : "Withdrawn"}</h2>
          {a.state === "closed" && <p>{a.successful ? "Successful." : "Not successful."}</p>}
          {a.outcome && <p className="description">{a.outcome}</p>}
          <p className="muted small">
            {a.state === "closed" ? "Closed" : "Withdrawn"} by {a.closedByName ?? "the convenor"} on {formatCompactDate(a.closedAt)}.
          </p>
          <AlertMilestoneAction detail={detail.data} isConvenor={isConvenor} />
        </section>
      )}

      {speaksForOrganisation && (
        <OwnAnswer detail={detail.data} organisationName={user?.organisation?.name ?? "your organisation"} refusal={refusal?.message} />
      )}

      <Tally detail={detail.data} />

      <section aria-labelledby="answers-title">
        <h2 id="answers-title">Answers</h2>
        {answers.length === 0 ? (
          <EmptyState title="No answers yet">
            <p>Each organisation's answer (joining, can't join, or needs more information) appears here with its note.</p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Answers by organisation</caption>
              <thead>
                <tr>
                  <th scope="col">Organisation</th>
                  <th scope="col">Answer</th>
                  <th scope="col">Note</th>
                  <th scope="col">Last changed</th>
                </tr>
              </thead>
              <tbody>
                {answers.map((ans) => (
                  <tr key={ans.id}>
                    <th scope="row">{ans.organisationName}</th>
                    <td>
                      <span className={`answer answer-${ans.response}`}>{responseChoiceLabels[ans.response]}</span>
                    </td>
                    <td>{ans.note || <span className="muted">—</span>}</td>
                    <td className="nowrap">
                      {formatCompactDate(ans.updatedAt)} <span className="muted small">by {ans.answeredByName}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {isConvenor && <ConvenorPanel detail={detail.data} />}
    </>
  );
}

function Tally({ detail }: { detail: AlertDetail }) {
  const t = detail.alert.tally;
  // Short labels fit the chart on a phone; the table twin uses the full words.
  const rows = alertResponses.map((r) => ({
    label: chartLabels[r],
    full: responseChoiceLabels[r],
    count: t[r],
    colour: responseColours[r],
  }));
  const title =
    t.total === 0
      ? "No organisation has answered yet"
      : `${plural(t.join, "organisation")} joining, ${t.cannot} can't, ${t.need_info} need more information`;
  return (
    <section aria-labelledby="tally-title">
      <h2 id="tally-title">Tally</h2>
      <ChartFigure
        title={title}
        table={{ caption: "Answers by kind", columns: ["Answer", "Organisations"], rows: rows.map((r) => [r.full, r.count]) }}
      >
        <AnswerTallyChart data={rows} />
      </ChartFigure>
    </section>
  );
}

function useAnswer(alertId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (json: Parameters<(typeof api.alerts)[":id"]["answer"]["$put"]>[0]["json"]) =>
      call(api.alerts[":id"].answer.$put({ param: { id: String(alertId) }, json })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["alerts"] }),
  });
}

function OwnAnswer({ detail, organisationName, refusal }: { detail: AlertDetail; organisationName: string; refusal: string | undefined }) {
  const mine = detail.alert.myAnswer;
  return (
    <section className="card answer-card" aria-labelledby="own-answer-title">
      <h2 id="own-answer-title">Your organisation's answer</h2>
      {mine ? (
        <p>
          {organisationName} answered <strong>{responseChoiceLabels[mine.response]}</strong> on {formatCompactDate(mine.updatedAt)}
          {mine.note ? `: “${mine.note}”` : "."}
        </p>
      ) : (
        <p>{organisationName} has not answered yet.</p>
      )}
      {refusal ? (
        <p className="muted">{refusal}</p>
      ) : (
        <AnswerForm alertId={detail.alert.id} initial={mine} submitLabel={mine ? "Change answer" : "Send answer"} />
      )}
    </section>
  );
}

interface AnswerValues {
  organisationId: number | null;
  response: AlertResponse | null;
  note: string;
}

const responseChoices = alertResponses.map((r) => ({ value: r, label: responseChoiceLabels[r] }));

/**
 * The API's answer schema. Recording for an organisation (the convenor, for an answer given by
 * email or phone) names which one, said here in plain words; members answer for their own.
 */
const answerSchema = (recording: boolean) =>
  shapedSchema(
    (v: AnswerValues) => ({
      response: v.response,
      note: v.note,
      ...(recording && v.organisationId !== null ? { organisationId: v.organisationId } : {}),
    }),
    alertAnswerSchema,
  ).superRefine((v, ctx) => {
    if (recording && v.organisationId === null)
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: "Choose the organisation that answered" });
  });

function AnswerForm({
  alertId,
  initial,
  submitLabel,
  organisations,
}: {
  alertId: number;
  initial: { response: AlertResponse; note: string } | null;
  submitLabel: string;
  /** Given when the convenor records an answer for one of them. */
  organisations?: readonly { id: number; name: string }[] | undefined;
}) {
  const recording = organisations !== undefined;
  const answer = useAnswer(alertId);
  const toast = useToast();
  const schema = useMemo(() => answerSchema(recording), [recording]);
  const form = useAppForm({
    defaultValues: { organisationId: null, response: initial?.response ?? null, note: initial?.note ?? "" } as AnswerValues,
    validators: { onChange: schema },
    onSubmit: ({ value }) => {
      const { organisationId, ...rest } = value;
      answer.mutate(alertAnswerSchema.parse({ ...rest, ...(recording && organisationId !== null ? { organisationId } : {}) }), {
        onSuccess: (res) => {
          toast(res.created ? "Answer sent." : "Answer changed.");
          if (recording) form.reset();
        },
      });
    },
  });
  return (
    <form.AppForm>
      <form.Form className="form answer-form" idPrefix={recording ? "record" : "answer"} error={answer.error}>
        {recording && (
          <form.AppField name="organisationId">
            {(f) => <f.RecordField label="Organisation" records={organisations} none="Choose an organisation" />}
          </form.AppField>
        )}
        <form.AppField name="response">{(f) => <f.RadiosField label="Answer" options={responseChoices} />}</form.AppField>
        <form.AppField name="note">
          {(f) => <f.TextAreaField label="Note (optional)" hint="What you can bring, or what you need to know" rows={2} />}
        </form.AppField>
        <form.SubmitButton label={submitLabel} busyLabel="Sending…" busy={answer.isPending} />
      </form.Form>
    </form.AppForm>
  );
}

function ConvenorPanel({ detail }: { detail: AlertDetail }) {
  const a = detail.alert;
  const notAnswered = useQuery(alertNotAnsweredQuery(a.id));
  const orgs = useQuery(organisationsQuery);
  const refusal = answerRefusal(a, new Date());
  return (
    <section className="convenor-actions" aria-labelledby="convenor-title">
      <h2 id="convenor-title">For the convenor</h2>
      <h3>Not answered yet</h3>
      {notAnswered.isLoading ? (
        <p className="muted">Loading…</p>
      ) : notAnswered.error ? (
        <ErrorMessage error={notAnswered.error} retry={() => notAnswered.refetch()} />
      ) : notAnswered.data?.organisations.length === 0 ? (
        <p>Every organisation has answered.</p>
      ) : (
        <>
          <p className="muted">
            {plural(notAnswered.data?.organisations.length ?? 0, "organisation")} — a friendly check-in may help. Only you see this list.
          </p>
          <ul className="not-answered-list">
            {notAnswered.data?.organisations.map((o) => (
              <li key={o.id}>{o.name}</li>
            ))}
          </ul>
        </>
      )}
      {!refusal && (
        <div className="no-print">
          <h3>Record an answer for an organisation</h3>
          <p className="muted small">For an answer given by email or phone. It replaces any earlier answer from that organisation.</p>
          <AnswerForm alertId={a.id} initial={null} submitLabel="Record answer" organisations={orgs.data?.organisations ?? []} />
        </div>
      )}
      {a.state === "open" && <CloseControls detail={detail} />}
    </section>
  );
}

function CloseControls({ detail }: { detail: AlertDetail }) {
  const [closing, setClosing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  return (
    <div className="no-print">
      <h3>Close or withdraw</h3>
      <div className="actions">
        <button type="button" className="button" onClick={() => setClosing(true)}>
          Close and record the outcome
        </button>
        <button type="button" className="button secondary" onClick={() => setWithdrawing(true)}>
          Withdraw alert
        </button>
      </div>
      <Dialog open={closing} title="Close this alert" onClose={() => setClosing(false)}>
        {closing && <CloseForm detail={detail} onDone={() => setClosing(false)} />}
      </Dialog>
      <Dialog open={withdrawing} title="Withdraw this alert?" onClose={() => setWithdrawing(false)}>
        {withdrawing && <WithdrawForm detail={detail} onDone={() => setWithdrawing(false)} />}
      </Dialog>
    </div>
  );
}

/**
 * Ending an alert (closing or withdrawing it), as of the version on screen. A 409 means it
 * changed or ended since the page loaded: say so rather than open the conflict dialog.
 */
function useEndAlert<J>(send: (json: J) => Promise<unknown>, doneWords: string, onDone: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const end = useMutation({
    mutationFn: send,
    onSuccess: () => {
      onDone();
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
      toast(doneWords);
    },
  });
  const error =
    end.error instanceof ApiFailure && end.error.status === 409
      ? "Someone else changed this alert since the page loaded. Close this window to see it as it is now."
      : end.error;
  return { end, error };
}

type AlertWithdraw = Parameters<(typeof api.alerts)[":id"]["withdraw"]["$post"]>[0]["json"];

function WithdrawForm({ detail, onDone }: { detail: AlertDetail; onDone: () => void }) {
  const a = detail.alert;
  const { end, error } = useEndAlert(
    (json: AlertWithdraw) => call(api.alerts[":id"].withdraw.$post({ param: { id: String(a.id) }, json })),
    "Alert withdrawn.",
    onDone,
  );
  const schema = useMemo(() => shapedSchema((v: { reason: string }) => ({ ...v, version: a.version }), alertWithdrawSchema), [a.version]);
  const form = useAppForm({
    defaultValues: { reason: "" },
    validators: { onChange: schema },
    onSubmit: ({ value }) => end.mutate(alertWithdrawSchema.parse({ ...value, version: a.version })),
  });
  return (
    <form.AppForm>
      <form.Form idPrefix="withdraw" error={error}>
        <p>
          Withdrawing ends answers and marks the alert as withdrawn; the {plural(a.tally.total, "answer")} given so far stay on record. It
          cannot be undone.
        </p>
        <form.AppField name="reason">{(f) => <f.TextAreaField label="Reason (optional)" rows={2} />}</form.AppField>
        <form.Actions label="Withdraw alert" busyLabel="Withdrawing…" busy={end.isPending} onCancel={onDone} />
      </form.Form>
    </form.AppForm>
  );
}

const successChoices = [
  { value: true, label: "Yes" },
  { value: false, label: "No" },
];

function CloseForm({ detail, onDone }: { detail: AlertDetail; onDone: () => void }) {
  const a = detail.alert;
  const { end: close, error } = useEndAlert(
    (json: AlertClose) => call(api.alerts[":id"].close.$post({ param: { id: String(a.id) }, json })),
    "Alert closed and its outcome recorded.",
    onDone,
  );
  const schema = useMemo(
    () => shapedSchema((v: { outcome: string; successful: boolean | null }) => ({ ...v, version: a.version }), alertCloseSchema),
    [a.version],
  );
  const form = useAppForm({
    defaultValues: { outcome: "", successful: null as boolean | null },
    validators: { onChange: schema },
    onSubmit: ({ value }) => close.mutate(alertCloseSchema.parse({ ...value, version: a.version })),
  });
  return (
    <form.AppForm>
      <form.Form idPrefix="close" error={error}>
        <p>Closing ends answers ({tallyWords(a.tally)}). It cannot be reopened.</p>
        <form.AppField name="outcome">
          {(f) => <f.TextAreaField label="Outcome" hint="What happened, in a sentence or two" rows={3} />}
        </form.AppField>
        <form.AppField name="successful">{(f) => <f.RadiosField label="Was it successful?" options={successChoices} />}</form.AppField>
        <form.Actions label="Close alert" busyLabel="Closing…" busy={close.isPending} onCancel={onDone} />
      </form.Form>
    </form.AppForm>
  );
}

/** What the alert carries: the statement to sign or the proposal to answer, with its own deadline. */
function Carried({ carries: c }: { carries: NonNullable<AlertSummary["carries"]> }) {
  const open = c.state === "open" && Date.parse(c.deadline) > Date.now();
  const link =
    c.kind === "statement" ? (
      <Link to="/statements/$statementId" params={{ statementId: c.id }}>
        {c.title}
      </Link>
    ) : (
      <Link to="/proposals/$proposalId" params={{ proposalId: c.id }}>
        {c.title}
      </Link>
    );
  return (
    <div className="carried">
      <h3>{c.kind === "statement" ? "The statement to sign" : "The proposal to answer"}</h3>
      <p>
        {link}
        {" · "}
        {open ? (
          <>
            {c.kind === "statement" ? "Sign by" : "Give your organisation's position by"} <strong>{formatDateTime(c.deadline)}</strong>
          </>
        ) : (
          <span className="muted">{c.kind === "statement" ? "No longer open for signatures" : "Closed"}</span>
        )}
      </p>
    </div>
  );
}
