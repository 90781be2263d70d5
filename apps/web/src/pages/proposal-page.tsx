/**
 * One proposal: the question and its closing time, the viewer's organisation's position (given or
 * changed while open), the count in organisations as a chart with its table, every organisation's
 * position and, for the convenor, who has not given one and the close / extend / withdraw /
 * outcome controls.
 */
import {
  type PositionInput,
  positionInputSchema,
  positionProblem,
  positionRefusal,
  proposalCloseSchema,
  proposalExtendSchema,
  proposalKindLabels,
  proposalOutcomeSchema,
  proposalWithdrawSchema,
  type Stance,
  stanceLabels,
  visibilityLabels,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { lazy, useMemo, useState } from "react";
import type { z } from "zod";
import { useAccess } from "../access.ts";
import { ApiFailure, api, call, type ProposalDetail, type ProposalSummary } from "../api.ts";
import { accent } from "../charts/palette.ts";
import { ChartFigure } from "../components/chart-figure.tsx";
import { Dialog } from "../components/dialog.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatCompactDate, formatDateTime, plural } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { closingWords, positionWords, quorumWords, resultWords, stancesFor, takesStance } from "../proposal-format.ts";
import { organisationsQuery, proposalQuery, proposalResultsQuery } from "../queries.ts";
import {
  emptyGoalEffect,
  GoalEffectFields,
  type GoalEffectValues,
  goalConflictWords,
  goalEffectOf,
  goalEffectSchema,
  useGoalEffectCycles,
  useGoalVersions,
} from "./goal-effect-fields.tsx";

// The alerts' bar chart draws any labelled counts with their colours.
const TallyChart = lazy(() => import("../charts/charts.tsx").then((m) => ({ default: m.AnswerTallyChart })));

/** Four marks at 3:1 or more against white, told apart in greyscale by their labels. */
const stanceColours: Record<Stance, string> = { agree: "#1b7a3d", abstain: "#6b6f76", disagree: "#a65400", block: "#b3261e" };

export function ProposalPage() {
  const { proposalId } = useParams({ from: "/app/proposals/$proposalId" });
  const detail = useQuery(proposalQuery(proposalId));
  const { user, isConvenor, speaksForOrganisation } = useAccess();

  if (detail.isLoading) return <SkeletonPage title="Proposal" />;
  if (detail.error || !detail.data) {
    return (
      <>
        <h1>Proposal</h1>
        <ErrorMessage error={detail.error} retry={() => detail.refetch()} />
        <p>
          <Link to="/proposals">Back to proposals</Link>
        </p>
      </>
    );
  }
  const { proposal: p, positions, decisions } = detail.data;
  const refusal = positionRefusal(p, new Date());

  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/proposals">Proposals</Link>
      </p>
      <div className="page-head">
        <h1>{p.question}</h1>
        {isConvenor && p.state === "open" && (
          <Link to="/proposals/$proposalId/edit" params={{ proposalId }} className="button secondary no-print">
            Edit proposal
          </Link>
        )}
      </div>
      <div className="alert-card-tags">
        <span className="alert-kind">{proposalKindLabels[p.kind]}</span>
        <span className="alert-kind">{p.state === "open" ? "Open" : p.state === "closed" ? "Closed" : "Withdrawn"}</span>
        <VisibilityBadge visibility={p.visibility} />
      </div>
      <dl className="facts">
        {p.state === "open" ? (
          <>
            <dt>Closing time</dt>
            <dd>
              {formatDateTime(p.closesAt)} <strong>({closingWords(p)})</strong>
            </dd>
          </>
        ) : (
          <>
            {/* Closed early or withdrawn: when it ended, not when it was due to. */}
            <dt>{p.state === "closed" ? "Closed" : "Withdrawn"}</dt>
            <dd>{formatDateTime(p.closedAt ?? p.closesAt)}</dd>
          </>
        )}
        <dt>Quorum</dt>
        <dd>{plural(p.quorum, "organisation")}</dd>
        <dt>Put by</dt>
        <dd>
          {p.createdByName} on {formatCompactDate(p.createdAt)}
        </dd>
      </dl>
      <ProposalLinks proposal={p} />
      {p.description && (
        <section className="card alert-ask" aria-labelledby="description-title">
          <h2 id="description-title">Description</h2>
          <p className="description">{p.description}</p>
        </section>
      )}

      {(p.state !== "open" || p.outcome) && (
        // The outcome form's fields take ids "outcome-…" (its idPrefix, "outcome-title" for a goal's title): this id is not one of them.
        <section className={p.state === "withdrawn" ? "notice" : "success-box"} aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">{p.state === "withdrawn" ? "Withdrawn" : "Outcome"}</h2>
          {p.outcome ? <p className="description">{p.outcome}</p> : <p className="muted">No outcome recorded yet.</p>}
          <DecidedGoals decisions={decisions} />
          {p.closedAt && (
            <p className="muted small">
              {p.state === "withdrawn" ? "Withdrawn" : "Closed"} by {p.closedByName ?? "the convenor"} on {formatCompactDate(p.closedAt)}.
            </p>
          )}
        </section>
      )}

      {speaksForOrganisation && (
        <OwnPosition proposal={p} organisationName={user?.organisation?.name ?? "Your organisation"} refusal={refusal?.message} />
      )}

      <Results proposal={p} />

      <section aria-labelledby="positions-title">
        <h2 id="positions-title">Positions</h2>
        {positions.length === 0 ? (
          <EmptyState title="No positions yet">
            <p>Each organisation's position appears here with its reason and who gave it.</p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Positions by organisation</caption>
              <thead>
                <tr>
                  <th scope="col">Organisation</th>
                  <th scope="col">Position</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Given by</th>
                </tr>
              </thead>
              <tbody>
                {positions.map((pos) => (
                  <tr key={pos.id}>
                    <th scope="row">{pos.organisationName}</th>
                    <td>{positionWords(p.kind, p.options, pos)}</td>
                    <td>{pos.reason || <span className="muted">—</span>}</td>
                    <td className="nowrap">
                      {pos.recordedByConvenor
                        ? `Recorded by the convenor (${pos.givenByName}) for ${pos.organisationName}`
                        : pos.givenByName}{" "}
                      <span className="muted small">on {formatCompactDate(pos.updatedAt)}</span>
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

/** What the proposal is about, as far as the viewer may see: the API leaves out a hidden or deleted record. */
function ProposalLinks({ proposal: p }: { proposal: ProposalSummary }) {
  const { alert, meeting, goal } = p.links;
  if (!alert && !meeting && !goal) return null;
  return (
    <ul className="plain-list proposal-links" aria-label="Linked records">
      {alert && (
        <li>
          About the alert{" "}
          <Link to="/alerts/$alertId" params={{ alertId: alert.id }}>
            {alert.title}
          </Link>
        </li>
      )}
      {meeting && (
        <li>
          For the meeting{" "}
          <Link to="/meetings/$meetingId" params={{ meetingId: meeting.id }}>
            {meeting.title}
          </Link>{" "}
          <span className="muted small">on {formatCompactDate(meeting.startsAt)}</span>
        </li>
      )}
      {goal && (
        <li>
          About the goal{" "}
          <Link to="/goals/$goalId" params={{ goalId: goal.id }}>
            {goal.title}
          </Link>
        </li>
      )}
    </ul>
  );
}

/** The goals the outcome created or changed, each only if the viewer may see it. */
function DecidedGoals({ decisions }: { decisions: ProposalDetail["decisions"] }) {
  const withGoal = decisions.filter((d) => d.goalId !== null && d.goalTitle !== null);
  if (withGoal.length === 0) return null;
  return (
    <ul className="plain-list">
      {withGoal.map((d) => (
        <li key={d.id}>
          {d.goalAction === "created" ? "Created the goal " : "Changed the goal "}
          {d.goalId !== null && (
            <Link to="/goals/$goalId" params={{ goalId: d.goalId }}>
              {d.goalTitle}
            </Link>
          )}{" "}
          {d.goalStatus && <StatusBadge status={d.goalStatus} />}
        </li>
      ))}
    </ul>
  );
}

function leadingWords(p: ProposalSummary): string {
  const most = Math.max(0, ...p.tally.options);
  if (most === 0) return "none yet";
  const names = p.options.filter((_, i) => p.tally.options[i] === most);
  return `${names.join(", ")} (${plural(most, "organisation")})`;
}

function Results({ proposal: p }: { proposal: ProposalSummary }) {
  const t = p.tally;
  const rows = takesStance(p.kind)
    ? stancesFor(p.kind).map((s) => ({ label: stanceLabels[s], count: t.stances[s], colour: stanceColours[s] }))
    : p.options.map((o, i) => ({ label: o, count: t.options[i] ?? 0, colour: accent }));
  // The title states the finding (a stance's key is its verb: "2 organisations agree"); the quorum has its own line above.
  const title =
    t.organisations === 0
      ? "No organisation has given a position yet"
      : takesStance(p.kind)
        ? stancesFor(p.kind)
            .map((s, i) => (i === 0 ? `${plural(t.stances[s], "organisation")} ${s}` : `${t.stances[s]} ${s}`))
            .join(", ")
        : `Most chosen: ${leadingWords(p)}`;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      <p className={t.quorumMet ? "success-box" : "notice"}>{quorumWords(t)}. Each organisation counts once.</p>
      <ChartFigure
        title={title}
        table={{
          caption: "Positions, counted in organisations",
          columns: [takesStance(p.kind) ? "Position" : p.kind === "time" ? "Time" : "Option", "Organisations"],
          rows: rows.map((r) => [r.label, r.count]),
        }}
      >
        <TallyChart data={rows} />
      </ChartFigure>
    </section>
  );
}

interface PositionValues {
  organisationId: number | null;
  stance: Stance | null;
  choices: number[];
  reason: string;
}

/** What the API takes, with the kind's own rule (a stance, or options) checked before sending. */
function positionSchema(p: ProposalSummary) {
  const shape = (v: PositionValues): z.input<typeof positionInputSchema> => ({
    ...(v.stance ? { stance: v.stance } : {}),
    choices: v.choices,
    reason: v.reason,
  });
  return shapedSchema(shape, positionInputSchema).superRefine((v, ctx) => {
    const problem = positionProblem(p.kind, p.options.length, { stance: v.stance ?? undefined, choices: v.choices });
    if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  });
}

function OwnPosition({
  proposal: p,
  organisationName,
  refusal,
}: {
  proposal: ProposalSummary;
  organisationName: string;
  refusal: string | undefined;
}) {
  const mine = p.myPosition;
  return (
    <section className="card answer-card" aria-labelledby="own-position-title">
      <h2 id="own-position-title">Your organisation's position</h2>
      {mine ? (
        <>
          <p>
            {organisationName}: <strong>{positionWords(p.kind, p.options, mine)}</strong>
          </p>
          {mine.reason && <p className="description">“{mine.reason}”</p>}
          <p className="muted small">
            {mine.recordedByConvenor
              ? `Recorded by the convenor (${mine.givenByName}) for ${organisationName}`
              : `Given by ${mine.givenByName}`}{" "}
            on {formatCompactDate(mine.updatedAt)}.
          </p>
        </>
      ) : (
        <p>{organisationName} has not given a position yet.</p>
      )}
      {refusal ? (
        <p className="muted">{refusal}</p>
      ) : (
        <PositionForm proposal={p} submitLabel={mine ? "Change position" : "Give position"} />
      )}
    </section>
  );
}

/**
 * An organisation's position. With `organisations`, the convenor records it for the organisation
 * chosen (given by email or at a meeting); without, a member gives their own organisation's.
 */
function PositionForm({
  proposal: p,
  submitLabel,
  organisations,
}: {
  proposal: ProposalSummary;
  submitLabel: string;
  organisations?: { id: number; name: string }[];
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const give = useMutation({
    mutationFn: (json: PositionInput) => call(api.proposals[":id"].position.$put({ param: { id: String(p.id) }, json })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["proposals"] });
      toast(
        organisations
          ? `Position recorded for ${organisations.find((o) => o.id === res.position.organisationId)?.name ?? "the organisation"}.`
          : res.created
            ? "Position given."
            : "Position changed.",
      );
      if (organisations) form.reset();
    },
  });
  const schema = useMemo(() => positionSchema(p), [p]);
  // Recording for another organisation starts blank, not from the convenor's own.
  const mine = organisations ? null : p.myPosition;
  const form = useAppForm({
    defaultValues: {
      organisationId: null,
      stance: mine?.stance ?? null,
      choices: [...(mine?.choices ?? [])],
      reason: mine?.reason ?? "",
    } as PositionValues,
    validators: {
      onChange: schema,
      onSubmit: ({ value }) =>
        organisations && value.organisationId === null ? { fields: { organisationId: "Choose the organisation" } } : undefined,
    },
    onSubmit: ({ value }) =>
      give.mutate(
        positionInputSchema.parse({
          ...(organisations && value.organisationId !== null ? { organisationId: value.organisationId } : {}),
          ...(value.stance ? { stance: value.stance } : {}),
          choices: value.choices,
          reason: value.reason,
        }),
      ),
  });
  return (
    <form.AppForm>
      <form.Form className="form answer-form" idPrefix={organisations ? "recorded-position" : "position"} error={give.error}>
        {organisations && (
          <form.AppField name="organisationId">
            {(f) => (
              <f.RecordField
                label="Organisation"
                hint="The organisation whose position you were given, by email or at a meeting"
                records={organisations}
                none="Choose the organisation"
              />
            )}
          </form.AppField>
        )}
        {takesStance(p.kind) ? (
          <form.AppField name="stance">
            {(f) => <f.RadiosField label="Position" options={stancesFor(p.kind).map((s) => ({ value: s, label: stanceLabels[s] }))} />}
          </form.AppField>
        ) : (
          <form.AppField name="choices">
            {(f) => (
              <f.CheckboxesField
                label={p.kind === "time" ? "The times your organisation can make" : "The options your organisation chooses"}
                hint={p.kind === "time" ? "Tick none if none of them suits" : "Tick one or more"}
                records={p.options.map((name, id) => ({ id, name }))}
              />
            )}
          </form.AppField>
        )}
        <form.AppField name="reason">
          {(f) => (
            <f.TextAreaField
              label="Reason"
              hint={p.kind === "consent" ? "Needed for a block; welcome for any position" : undefined}
              rows={2}
            />
          )}
        </form.AppField>
        <form.SubmitButton label={submitLabel} busyLabel="Sending…" busy={give.isPending} />
      </form.Form>
    </form.AppForm>
  );
}

function ConvenorPanel({ detail }: { detail: ProposalDetail }) {
  const p = detail.proposal;
  const results = useQuery(proposalResultsQuery(p.id));
  const organisations = useQuery(organisationsQuery);
  return (
    <section className="convenor-actions" aria-labelledby="convenor-title">
      <h2 id="convenor-title">For the convenor</h2>
      {results.data && <p>{resultWords(results.data.result, p.options)}</p>}
      <h3>{p.state === "open" ? "No position yet" : "Gave no position"}</h3>
      {results.isLoading ? (
        <p className="muted">Loading…</p>
      ) : results.error ? (
        <ErrorMessage error={results.error} retry={() => results.refetch()} />
      ) : results.data?.notGiven.length === 0 ? (
        <p>Every organisation has given a position.</p>
      ) : (
        <>
          <p className="muted">{plural(results.data?.notGiven.length ?? 0, "organisation")} — only you see this list.</p>
          <ul className="not-answered-list">
            {results.data?.notGiven.map((o) => (
              <li key={o.id}>{o.name}</li>
            ))}
          </ul>
        </>
      )}
      {p.state === "open" && (
        <div className="no-print">
          <h3>Record a position for an organisation</h3>
          <p className="muted">
            For a position given by email or at a meeting. It replaces any the organisation gave before, and shows as recorded by the
            convenor.
          </p>
          <PositionForm proposal={p} submitLabel="Record position" organisations={organisations.data?.organisations ?? []} />
        </div>
      )}
      <EndControls proposal={p} />
    </section>
  );
}

type Ending = "close" | "extend" | "withdraw" | "outcome";

const endingTitles: Record<Ending, string> = {
  close: "Close this proposal early?",
  extend: "Extend the closing time",
  withdraw: "Withdraw this proposal?",
  outcome: "Record the outcome",
};

function EndControls({ proposal: p }: { proposal: ProposalSummary }) {
  const [ending, setEnding] = useState<Ending | null>(null);
  const open = p.state === "open";
  const pastClosing = Date.parse(p.closesAt) <= Date.now();
  const mayRecord = p.state === "closed" || (open && pastClosing);
  if (!open && !mayRecord) return null;
  const done = () => setEnding(null);
  return (
    <div className="no-print">
      <h3>{open ? "Close, extend or withdraw" : "Outcome"}</h3>
      <div className="actions">
        {open && !pastClosing && (
          <button type="button" className="button" onClick={() => setEnding("close")}>
            Close early
          </button>
        )}
        {mayRecord && (
          <button type="button" className="button" onClick={() => setEnding("outcome")}>
            {p.outcome ? "Change the outcome" : "Record the outcome"}
          </button>
        )}
        {open && (
          <button type="button" className="button secondary" onClick={() => setEnding("extend")}>
            Extend
          </button>
        )}
        {open && (
          <button type="button" className="button secondary" onClick={() => setEnding("withdraw")}>
            Withdraw
          </button>
        )}
      </div>
      <Dialog open={ending !== null} title={ending ? endingTitles[ending] : ""} onClose={done}>
        {ending === "close" && <CloseForm proposal={p} onDone={done} />}
        {ending === "extend" && <ExtendForm proposal={p} onDone={done} />}
        {ending === "withdraw" && <WithdrawForm proposal={p} onDone={done} />}
        {ending === "outcome" && <OutcomeForm proposal={p} onDone={done} />}
      </Dialog>
    </div>
  );
}

/**
 * A convenor's action on the version on screen. A 409 means the proposal changed or ended since
 * the page loaded: say so in words rather than open the field-by-field conflict dialog.
 */
function useProposalAction<J>(send: (json: J) => Promise<unknown>, doneWords: string, onDone: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const action = useMutation({
    mutationFn: send,
    onSuccess: () => {
      onDone();
      void queryClient.invalidateQueries({ queryKey: ["proposals"] });
      toast(doneWords);
    },
  });
  const error =
    action.error instanceof ApiFailure && action.error.status === 409 && isProposalConflict(action.error)
      ? "Someone else changed this proposal since the page loaded. Close this window to see it as it is now."
      : action.error;
  return { action, error };
}

/** A stale proposal answers with the proposal as it is now; an outcome's stale goal answers with the goal, which has no question. */
const isProposalConflict = (e: ApiFailure) => {
  const current = e.details?.current;
  return e.code === "conflict" && typeof current === "object" && current !== null && "question" in current;
};

type ProposalEndpoint = (typeof api.proposals)[":id"];
type Json<K extends Ending> = Parameters<ProposalEndpoint[K]["$post"]>[0]["json"];

function CloseForm({ proposal: p, onDone }: { proposal: ProposalSummary; onDone: () => void }) {
  const { action, error } = useProposalAction(
    (json: Json<"close">) => call(api.proposals[":id"].close.$post({ param: { id: String(p.id) }, json })),
    "Proposal closed.",
    onDone,
  );
  const schema = useMemo(() => shapedSchema((v: { outcome: string }) => ({ ...v, version: p.version }), proposalCloseSchema), [p.version]);
  const form = useAppForm({
    defaultValues: { outcome: "" },
    validators: { onChange: schema },
    onSubmit: ({ value }) => action.mutate(proposalCloseSchema.parse({ ...value, version: p.version })),
  });
  return (
    <form.AppForm>
      <form.Form idPrefix="close" error={error}>
        <p>Closing now ends positions ({quorumWords(p.tally).toLowerCase()}). It cannot be reopened.</p>
        <form.AppField name="outcome">
          {(f) => <f.TextAreaField label="Outcome (optional)" hint="What the group decided; you can record it later" rows={3} />}
        </form.AppField>
        <form.Actions label="Close proposal" busyLabel="Closing…" busy={action.isPending} onCancel={onDone} />
      </form.Form>
    </form.AppForm>
  );
}

function ExtendForm({ proposal: p, onDone }: { proposal: ProposalSummary; onDone: () => void }) {
  const { action, error } = useProposalAction(
    (json: Json<"extend">) => call(api.proposals[":id"].extend.$post({ param: { id: String(p.id) }, json })),
    "Closing time extended.",
    onDone,
  );
  const schema = useMemo(
    () =>
      shapedSchema((v: { closesAt: string }) => ({ ...v, version: p.version }), proposalExtendSchema).superRefine((v, ctx) => {
        if (v.closesAt && Date.parse(v.closesAt) <= Date.parse(p.closesAt))
          ctx.addIssue({ code: "custom", path: ["closesAt"], message: "Enter a closing time later than the current one" });
      }),
    [p.version, p.closesAt],
  );
  const form = useAppForm({
    defaultValues: { closesAt: "" },
    validators: { onChange: schema },
    onSubmit: ({ value }) => action.mutate(proposalExtendSchema.parse({ ...value, version: p.version })),
  });
  return (
    <form.AppForm>
      <form.Form idPrefix="extend" error={error}>
        <p>It now closes on {formatDateTime(p.closesAt)}.</p>
        <form.AppField name="closesAt">{(f) => <f.DateTimeField label="New closing time" />}</form.AppField>
        <form.Actions label="Extend" busyLabel="Saving…" busy={action.isPending} onCancel={onDone} />
      </form.Form>
    </form.AppForm>
  );
}

function WithdrawForm({ proposal: p, onDone }: { proposal: ProposalSummary; onDone: () => void }) {
  const { action, error } = useProposalAction(
    (json: Json<"withdraw">) => call(api.proposals[":id"].withdraw.$post({ param: { id: String(p.id) }, json })),
    "Proposal withdrawn.",
    onDone,
  );
  const schema = useMemo(
    () => shapedSchema((v: { reason: string }) => ({ ...v, version: p.version }), proposalWithdrawSchema),
    [p.version],
  );
  const form = useAppForm({
    defaultValues: { reason: "" },
    validators: { onChange: schema },
    onSubmit: ({ value }) => action.mutate(proposalWithdrawSchema.parse({ ...value, version: p.version })),
  });
  return (
    <form.AppForm>
      <form.Form idPrefix="withdraw" error={error}>
        <p>
          Withdrawing ends positions and marks the proposal as withdrawn; the {plural(p.tally.organisations, "position")} given so far stay
          on record. It cannot be undone.
        </p>
        <form.AppField name="reason">{(f) => <f.TextAreaField label="Reason (optional)" rows={2} />}</form.AppField>
        <form.Actions label="Withdraw proposal" busyLabel="Withdrawing…" busy={action.isPending} onCancel={onDone} />
      </form.Form>
    </form.AppForm>
  );
}

/**
 * The outcome in words and, like a meeting's decision, what it does to a goal: the same fields
 * from the same module. A goal it creates takes the proposal's visibility; a proposal about a
 * goal starts "change a goal" with that goal chosen.
 */
function OutcomeForm({ proposal: p, onDone }: { proposal: ProposalSummary; onDone: () => void }) {
  const queryClient = useQueryClient();
  const { action, error } = useProposalAction(
    (json: Json<"outcome">) => call(api.proposals[":id"].outcome.$post({ param: { id: String(p.id) }, json })),
    "Outcome recorded.",
    () => {
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      void queryClient.invalidateQueries({ queryKey: ["meetings"] });
      onDone();
    },
  );
  const linkedGoal = p.links.goal;
  const { defaultCycleId } = useGoalEffectCycles([linkedGoal?.cycleId]);
  const goals = useGoalVersions();
  const outcomeOf = useMemo(
    () => (v: GoalEffectValues) => ({ version: p.version, outcome: v.text, decision: goalEffectOf(v, goals) }),
    [p.version, goals],
  );
  const schema = useMemo(
    () => goalEffectSchema(outcomeOf, proposalOutcomeSchema, { effectAt: "decision", textAt: "outcome" }),
    [outcomeOf],
  );
  const form = useAppForm({
    defaultValues: emptyGoalEffect(defaultCycleId ?? null, { text: p.outcome ?? "", goalId: linkedGoal?.id ?? null }),
    validators: { onChange: schema },
    onSubmit: ({ value }) => action.mutate(proposalOutcomeSchema.parse(outcomeOf(value))),
  });
  // The proposal's own stale version keeps its sentence; a stale goal version asks for the goal again.
  const shown = goalConflictWords(error);
  return (
    <form.AppForm>
      <form.Form idPrefix="outcome" error={shown}>
        <p>{quorumWords(p.tally)}.</p>
        <form.AppField name="text">
          {(f) => <f.TextAreaField label="Outcome" hint="What the group decided, in a sentence or two" rows={3} />}
        </form.AppField>
        <GoalEffectFields
          form={form}
          visibleLike="this proposal"
          visibilityWords={visibilityLabels[p.visibility].toLowerCase()}
          defaultCycleId={defaultCycleId}
          goals={goals}
        />
        <form.Actions label="Record outcome" busyLabel="Saving…" busy={action.isPending} onCancel={onDone} />
      </form.Form>
    </form.AppForm>
  );
}
