/**
 * One alert: the ask and the deadline, the viewer's organisation's answer (changeable until the
 * deadline), the tally of answers and, for the convenor, who has not answered yet and the
 * edit / close / withdraw controls.
 */
import { type AlertResponse, alertResponses, answerRefusal } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { lazy, useState } from "react";
import { deadlineWords, responseChoiceLabels, tallyWords } from "../alert-format.ts";
import { type AlertDetail, api, call } from "../api.ts";
import { ChartFigure } from "../components/chart-figure.tsx";
import { ConfirmDialog, Dialog } from "../components/dialog.tsx";
import { Field } from "../components/field.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { AlertKindTag, AlertStateTag, UrgencyBadge } from "../components/urgency-badge.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatCompactDate, formatDateTime, plural } from "../format.ts";
import { alertNotAnsweredQuery, alertQuery, meQuery, organisationsQuery } from "../queries.ts";
import { AlertMilestoneAction } from "./alert-milestone-action.tsx";

const AnswerTallyChart = lazy(() => import("../charts/charts.tsx").then((m) => ({ default: m.AnswerTallyChart })));

/** Three marks at 3:1 or more against white, told apart in greyscale by their labels. */
const responseColours: Record<AlertResponse, string> = { join: "#1b7a3d", cannot: "#6b6f76", need_info: "#a65400" };
const chartLabels: Record<AlertResponse, string> = { join: "Joining", cannot: "Can't join", need_info: "Need info" };

export function AlertPage() {
  const { alertId } = useParams({ from: "/app/alerts/$alertId" });
  const me = useQuery(meQuery);
  const detail = useQuery(alertQuery(alertId));
  const user = me.data?.user;
  const isConvenor = user?.role === "convenor";

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
  const mayEdit = a.state === "open" && (isConvenor || a.raisedById === user?.id);

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

      {user?.role === "member" && user.organisationId !== null && (
        <OwnAnswer detail={detail.data} organisationName={user.organisation?.name ?? "your organisation"} refusal={refusal?.message} />
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

function AnswerForm({
  alertId,
  initial,
  submitLabel,
  organisationId,
}: {
  alertId: number;
  initial: { response: AlertResponse; note: string } | null;
  submitLabel: string;
  organisationId?: number | undefined;
}) {
  const [response, setResponse] = useState<AlertResponse | "">(initial?.response ?? "");
  const [note, setNote] = useState(initial?.note ?? "");
  const [tried, setTried] = useState(false);
  const answer = useAnswer(alertId);
  const toast = useToast();
  const needsOrg = organisationId === 0;
  return (
    <form
      className="form answer-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!response || needsOrg) return;
        answer.mutate(
          { response, note, ...(organisationId ? { organisationId } : {}) },
          {
            onSuccess: (res) => {
              toast(res.created ? "Answer sent." : "Answer changed.");
              if (organisationId) {
                setResponse("");
                setNote("");
                setTried(false);
              }
            },
          },
        );
      }}
    >
      {answer.error && <ErrorMessage error={answer.error} />}
      <fieldset className={`field-group ${tried && !response ? "has-error" : ""}`}>
        <legend>Answer</legend>
        <div className="answer-choices">
          {alertResponses.map((r) => (
            <label key={r} className="checkbox">
              <input
                type="radio"
                name={`response-${alertId}-${organisationId ?? "own"}`}
                value={r}
                checked={response === r}
                onChange={() => setResponse(r)}
              />{" "}
              {responseChoiceLabels[r]}
            </label>
          ))}
        </div>
        {tried && !response && <p className="field-error">Choose an answer</p>}
      </fieldset>
      <Field
        id={`note-${organisationId ?? "own"}`}
        label="Note (optional)"
        hint="What you can bring, or what you need to know"
        error={undefined}
      >
        {(p) => <textarea {...p} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={answer.isPending || needsOrg}>
          {answer.isPending ? "Sending…" : submitLabel}
        </button>
      </div>
    </form>
  );
}

function ConvenorPanel({ detail }: { detail: AlertDetail }) {
  const a = detail.alert;
  const notAnswered = useQuery(alertNotAnsweredQuery(a.id));
  const orgs = useQuery(organisationsQuery);
  const [recordFor, setRecordFor] = useState("");
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
          <div className="field">
            <label htmlFor="record-for">Organisation</label>
            <select id="record-for" value={recordFor} onChange={(e) => setRecordFor(e.target.value)}>
              <option value="">Choose an organisation</option>
              {orgs.data?.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <AnswerForm key={recordFor} alertId={a.id} initial={null} submitLabel="Record answer" organisationId={Number(recordFor) || 0} />
        </div>
      )}
      {a.state === "open" && <CloseControls detail={detail} />}
    </section>
  );
}

function CloseControls({ detail }: { detail: AlertDetail }) {
  const a = detail.alert;
  const queryClient = useQueryClient();
  const toast = useToast();
  const [closing, setClosing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [outcome, setOutcome] = useState("");
  const [successful, setSuccessful] = useState<"" | "yes" | "no">("");
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const close = useMutation({
    mutationFn: () =>
      call(
        api.alerts[":id"].close.$post({
          param: { id: String(a.id) },
          json: { version: a.version, outcome, successful: successful === "yes" },
        }),
      ),
    onSuccess: () => {
      setClosing(false);
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
      toast("Alert closed and its outcome recorded.");
    },
  });
  const withdraw = useMutation({
    mutationFn: () => call(api.alerts[":id"].withdraw.$post({ param: { id: String(a.id) }, json: { version: a.version, reason } })),
    onSuccess: () => {
      setWithdrawing(false);
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
      toast("Alert withdrawn.");
    },
  });
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
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (outcome.trim() && successful) close.mutate();
          }}
        >
          <p>Closing ends answers ({tallyWords(a.tally)}). It cannot be reopened.</p>
          {close.error && <ErrorMessage error={close.error} />}
          <Field
            id="outcome"
            label="Outcome"
            hint="What happened, in a sentence or two"
            error={tried && !outcome.trim() ? "Outcome cannot be empty" : undefined}
          >
            {(p) => <textarea {...p} rows={3} value={outcome} onChange={(e) => setOutcome(e.target.value)} />}
          </Field>
          <fieldset className={`field-group ${tried && !successful ? "has-error" : ""}`}>
            <legend>Was it successful?</legend>
            <label className="checkbox">
              <input type="radio" name="successful" checked={successful === "yes"} onChange={() => setSuccessful("yes")} /> Yes
            </label>
            <label className="checkbox">
              <input type="radio" name="successful" checked={successful === "no"} onChange={() => setSuccessful("no")} /> No
            </label>
            {tried && !successful && <p className="field-error">Say whether the outcome was successful</p>}
          </fieldset>
          <div className="actions">
            <button type="submit" className="button" disabled={close.isPending}>
              {close.isPending ? "Closing…" : "Close alert"}
            </button>
            <button type="button" className="button secondary" onClick={() => setClosing(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
      <ConfirmDialog
        open={withdrawing}
        title="Withdraw this alert?"
        confirmLabel="Withdraw alert"
        busy={withdraw.isPending}
        onConfirm={() => withdraw.mutate()}
        onCancel={() => setWithdrawing(false)}
      >
        <p>
          Withdrawing ends answers and marks the alert as withdrawn; the {plural(a.tally.total, "answer")} given so far stay on record. It
          cannot be undone.
        </p>
        {withdraw.error && <ErrorMessage error={withdraw.error} />}
        <div className="field">
          <label htmlFor="withdraw-reason">Reason (optional)</label>
          <textarea id="withdraw-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      </ConfirmDialog>
    </div>
  );
}
