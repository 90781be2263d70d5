import {
  cycleWords,
  type GoalStatus,
  goalStatuses,
  goalStatusLabels,
  percent,
  progressUpdateInputSchema,
  type Visibility,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { lazy, useMemo, useState } from "react";
import { z } from "zod";
import { useAccess } from "../access.ts";
import { ApiFailure, api, call, type GoalDetail } from "../api.ts";
import { ChartFigure } from "../components/chart-figure.tsx";
import { GoalMilestones } from "../components/goal-milestones.tsx";
import { Markdown } from "../components/markdown.tsx";
import { ProgressBar } from "../components/progress-bar.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatDate, formatDateTime, formatNumber, plural } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { stillInGroup } from "../organisation-choices.ts";
import { cyclesQuery, goalQuery, organisationsQuery } from "../queries.ts";
import { useSoftDelete } from "../soft-delete.tsx";
import { GoalMeetings } from "./goal-meetings.tsx";
import { MeasureEditForm, MeasureForm } from "./measure-form.tsx";
import { trendTitle } from "./overview-page.tsx";

const ProgressLineChart = lazy(() => import("../charts/charts.tsx").then((m) => ({ default: m.ProgressLineChart })));
const MeasureLineChart = lazy(() => import("../charts/charts.tsx").then((m) => ({ default: m.MeasureLineChart })));

type Measure = GoalDetail["goal"]["measures"][number];

export function GoalPage() {
  const { goalId } = useParams({ from: "/app/goals/$goalId" });
  const goal = useQuery(goalQuery(goalId));
  const { isConvenor, isMember, mayPostUpdate, mayEditGoal } = useAccess();
  const orgs = useQuery(organisationsQuery);

  if (goal.isLoading) return <SkeletonPage title="Goal" />;
  if (goal.error instanceof ApiFailure && goal.error.status === 404) {
    return (
      <>
        <h1>Goal not found</h1>
        <p>This goal does not exist, has been deleted, or is not shared with you.</p>
        <Link to="/goals">All goals</Link>
      </>
    );
  }
  if (goal.error || !goal.data) return <ErrorMessage error={goal.error} retry={() => goal.refetch()} />;

  const d = goal.data;
  const g = d.goal;
  const orgName = (id: number) => orgs.data?.organisations.find((o) => o.id === id)?.name ?? `Organisation ${id}`;
  const canPost = mayPostUpdate(g);

  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/goals">Goals</Link> › Cycle: {g.cycleName}
      </p>
      <div className="page-head">
        <h1>{g.title}</h1>
        <div className="action-row no-print">
          {isConvenor && (
            <Link to="/proposals/new" search={(prev) => ({ ...prev, goalId: g.id })} className="button secondary">
              Put a proposal to the group
            </Link>
          )}
          {mayEditGoal(g) && (
            <Link to="/goals/$goalId/edit" params={{ goalId: g.id }} className="button secondary">
              Edit goal
            </Link>
          )}
        </div>
      </div>
      {g.cycleClosed && <p className="notice">The {cycleWords(g.cycleName)} is closed: this goal is read-only history.</p>}
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={g.status} />
          </dd>
        </div>
        <div>
          <dt>Progress</dt>
          <dd>
            <ProgressBar value={g.progress} label="Goal progress" />
          </dd>
        </div>
        <div>
          <dt>Theme</dt>
          <dd>{g.themeName ?? "No theme"}</dd>
        </div>
        <div>
          <dt>Lead</dt>
          <dd>
            {g.leadOrganisationId ? (
              <Link to="/organisations/$orgId" params={{ orgId: g.leadOrganisationId }}>
                {g.leadName}
              </Link>
            ) : (
              "No lead yet"
            )}
          </dd>
        </div>
        <div>
          <dt>Supporting</dt>
          <dd>{g.supportingOrganisationIds.length ? g.supportingOrganisationIds.map(orgName).join(", ") : "None"}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>{formatDate(g.dueDate)}</dd>
        </div>
        <div>
          <dt>Visible to</dt>
          <dd>
            <VisibilityBadge visibility={g.visibility} />
          </dd>
        </div>
      </dl>
      {g.description && (
        <div className="description">
          <Markdown text={g.description} />
        </div>
      )}
      <GoalMeetings goalId={g.id} />
      {(d.copiedFrom || d.copies.length > 0) && (
        <p className="muted">
          {d.copiedFrom && (
            <>
              Carried on from{" "}
              <Link to="/goals/$goalId" params={{ goalId: d.copiedFrom.id }}>
                the {d.copiedFrom.cycleName} goal
              </Link>
              .{" "}
            </>
          )}
          {d.copies.map((c) => (
            <span key={c.id}>
              Carried forward into{" "}
              <Link to="/goals/$goalId" params={{ goalId: c.id }}>
                the {cycleWords(c.cycleName)}
              </Link>
              .{" "}
            </span>
          ))}
        </p>
      )}

      <section aria-labelledby="measures-heading">
        <h2 id="measures-heading">Measures</h2>
        {g.measures.length === 0 ? (
          <EmptyState title="No measures yet">
            <p>A goal's progress is worked out from its measures: a number moving towards a target, or a milestone done or not.</p>
            {mayEditGoal(g) && <p>Add the first one below.</p>}
          </EmptyState>
        ) : (
          <div className="measure-list">
            {g.measures.map((m) => (
              <MeasureCard
                key={m.id}
                measure={m}
                points={d.measureHistory.find((h) => h.measureId === m.id)?.points ?? []}
                canEdit={mayEditGoal(g)}
              />
            ))}
          </div>
        )}
        {mayEditGoal(g) && <MeasureForm goalId={g.id} />}
      </section>

      {g.measures.length > 0 && (
        <section aria-labelledby="trend-heading">
          <h2 id="trend-heading">Progress over time</h2>
          <ChartFigure
            title={trendTitle(d.progressOverTime)}
            table={{
              caption: "Goal progress after each change",
              columns: ["Date", "Progress"],
              rows: d.progressOverTime.map((p) => [formatDate(p.date), p.progress === null ? "—" : `${(p.progress * 100).toFixed(1)} %`]),
            }}
          >
            <ProgressLineChart data={d.progressOverTime} />
          </ChartFigure>
        </section>
      )}

      <section aria-labelledby="updates-heading">
        <h2 id="updates-heading">Updates</h2>
        {canPost && <UpdateForm detail={d} isConvenor={isConvenor} />}
        {!canPost && !g.cycleClosed && isMember && (
          <p className="muted">Members of the lead and supporting organisations post updates on this goal.</p>
        )}
        <UpdateHistory detail={d} />
      </section>

      <GoalMilestones goalId={g.id} />
      {isConvenor && <ConvenorActions detail={d} />}
    </>
  );
}

function MeasureCard({ measure: m, points, canEdit }: { measure: Measure; points: { date: string; value: number }[]; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const removal = useSoftDelete({
    family: "goals",
    remove: () => call(api.measures[":id"].$delete({ param: { id: String(m.id) } })),
    restore: () => call(api.measures[":id"].restore.$post({ param: { id: String(m.id) } })),
    name: () => `the measure “${m.name}”`,
    verb: "remove",
    confirmLabel: "Remove measure",
    lost: () => (
      <p>
        The goal's progress will no longer count it, and its chart disappears. Its history is kept, and you can undo this straight after.
      </p>
    ),
  });
  const current = m.kind === "milestone" ? (m.current === 1 ? "Done" : "Not done") : formatNumber(m.current, m.unit);
  return (
    <article className="card measure">
      <h3>{m.name}</h3>
      <p>
        {m.kind === "numeric" ? (
          <>
            Now <strong>{current}</strong>; from {formatNumber(m.baseline, m.unit)} towards {formatNumber(m.target, m.unit)}.
          </>
        ) : (
          <>
            Milestone: <strong>{current}</strong>.
          </>
        )}{" "}
        <span className="muted small">Weight {m.weight}</span>
      </p>
      <ProgressBar value={m.progress} label={`Progress of ${m.name}`} />
      {m.kind === "numeric" && points.length > 0 && (
        <ChartFigure
          title={
            points.length > 1
              ? `${m.name}: ${formatNumber(points[0]!.value, m.unit)} on ${formatDate(points[0]!.date)}, ${formatNumber(points.at(-1)!.value, m.unit)} now`
              : `${m.name}: ${formatNumber(points[0]!.value, m.unit)} so far`
          }
          table={{
            caption: `Values of ${m.name}`,
            columns: ["Date", `Value${m.unit ? ` (${m.unit})` : ""}`],
            rows: points.map((p) => [formatDateTime(p.date), formatNumber(p.value)]),
          }}
        >
          <MeasureLineChart data={points.map((p) => ({ date: p.date.slice(0, 10), value: p.value }))} target={m.target} unit={m.unit} />
        </ChartFigure>
      )}
      {canEdit && editing && <MeasureEditForm measure={m} onDone={() => setEditing(false)} />}
      {canEdit && !editing && (
        <div className="action-row no-print">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Edit measure<span className="visually-hidden"> “{m.name}”</span>
          </button>{" "}
          <button type="button" className="link-button danger-text" onClick={() => removal.ask(m)}>
            Remove measure<span className="visually-hidden"> “{m.name}”</span>
          </button>
        </div>
      )}
      {removal.dialog}
    </article>
  );
}

/** What the update form holds: one new value (or none) for each of the goal's measures, in their order. */
interface UpdateValues {
  note: string;
  measures: (number | null)[];
  status: GoalStatus | null;
  confidence: number | null;
  visibility: Visibility;
  organisationId: number | null;
}

/** The update as the API takes it: the measures given a new value, by their ids. */
function updateInput(goal: GoalDetail["goal"], isConvenor: boolean, v: UpdateValues) {
  return {
    goalId: goal.id,
    note: v.note,
    status: v.status,
    confidence: v.confidence,
    values: givenMeasures(v).map((i) => ({ measureId: goal.measures[i]!.id, value: v.measures[i] })),
    visibility: v.visibility,
    organisationId: isConvenor ? v.organisationId : null,
  };
}
const givenMeasures = (v: UpdateValues) => v.measures.flatMap((value, i) => (value === null ? [] : [i]));

/** The API's schema on the shaped update; a problem with the nth value given belongs beside its measure's box. */
const updateSchema = (goal: GoalDetail["goal"], isConvenor: boolean) =>
  shapedSchema(
    (v: UpdateValues) => updateInput(goal, isConvenor, v),
    progressUpdateInputSchema,
    (path, v) => (path[0] === "values" && typeof path[1] === "number" ? ["measures", givenMeasures(v)[path[1]] ?? 0] : path),
  );

function UpdateForm({ detail, isConvenor }: { detail: GoalDetail; isConvenor: boolean }) {
  // A fresh form after each post: the number boxes start empty again.
  const [posted, setPosted] = useState(0);
  return <UpdateFormOnce key={posted} detail={detail} isConvenor={isConvenor} onPosted={() => setPosted((n) => n + 1)} />;
}

const doneChoices = [
  { id: 1, name: "Done" },
  { id: 0, name: "Not done" },
];

function UpdateFormOnce({ detail, isConvenor, onPosted }: { detail: GoalDetail; isConvenor: boolean; onPosted: () => void }) {
  const g = detail.goal;
  const queryClient = useQueryClient();
  const toast = useToast();
  const orgs = useQuery(organisationsQuery);
  const post = useMutation({
    mutationFn: (json: Parameters<typeof api.updates.$post>[0]["json"]) => call(api.updates.$post({ json })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast("Update posted.");
      onPosted();
    },
  });
  const schema = useMemo(() => updateSchema(g, isConvenor), [g, isConvenor]);
  const form = useAppForm({
    defaultValues: {
      note: "",
      measures: g.measures.map(() => null),
      status: null,
      confidence: null,
      visibility: g.visibility === "public" ? "members" : g.visibility,
      organisationId: null,
    } as UpdateValues,
    validators: { onChange: schema },
    onSubmit: ({ value }) => post.mutate(progressUpdateInputSchema.parse(updateInput(g, isConvenor, value))),
  });

  return (
    <section className="card form-card update-form" aria-labelledby="update-form-heading">
      <h3 id="update-form-heading">Post an update</h3>
      <form.AppForm>
        <form.Form idPrefix="update" error={post.error}>
          <form.AppField name="note">{(f) => <f.TextAreaField label="What has happened?" rows={3} />}</form.AppField>
          {g.measures.length > 0 && (
            <fieldset className="field-group">
              <legend>New measure values (leave blank if unchanged)</legend>
              {g.measures.map((m, i) => (
                <form.AppField key={m.id} name={`measures[${i}]`}>
                  {(f) =>
                    m.kind === "milestone" ? (
                      <f.RecordField label={m.name} records={doneChoices} none={`Unchanged (${m.current === 1 ? "done" : "not done"})`} />
                    ) : (
                      <f.NumberField label={`${m.name}${m.unit ? ` (${m.unit})` : ""}`} hint={`Now ${formatNumber(m.current)}`} optional />
                    )
                  }
                </form.AppField>
              ))}
            </fieldset>
          )}
          <div className="field-row">
            <form.AppField name="status">
              {(f) => (
                <f.ChoiceField
                  label="Status"
                  hint="A new status changes the goal itself, for everyone who can see it."
                  options={goalStatuses}
                  labels={goalStatusLabels}
                  none={`Unchanged (${goalStatusLabels[g.status]})`}
                />
              )}
            </form.AppField>
            <form.AppField name="confidence">{(f) => <f.NumberField label="Confidence (0–10, optional)" optional whole />}</form.AppField>
            <form.AppField name="visibility">{(f) => <f.VisibilityField />}</form.AppField>
            {isConvenor && (
              <form.AppField name="organisationId">
                {(f) => (
                  <f.RecordField label="On behalf of" records={stillInGroup(orgs.data?.organisations)} none="No organisation (convenor)" />
                )}
              </form.AppField>
            )}
          </div>
          <form.SubmitButton label="Post update" busyLabel="Posting…" busy={post.isPending} />
        </form.Form>
      </form.AppForm>
    </section>
  );
}

function UpdateHistory({ detail }: { detail: GoalDetail }) {
  if (detail.updates.length === 0) {
    return (
      <EmptyState title="No updates yet">
        <p>Updates from the lead and supporting organisations will appear here, newest first, with any new measure values.</p>
      </EmptyState>
    );
  }
  return (
    <ol className="timeline">
      {detail.updates.map((u) => (
        <li key={u.id} className="card">
          <p className="update-meta">
            <strong>{formatDateTime(u.createdAt)}</strong> · {u.authorName}
            {u.organisationName ? ` for ${u.organisationName}` : ""}{" "}
            {u.visibility !== "public" && <VisibilityBadge visibility={u.visibility} />}
          </p>
          {u.status && (
            <p>
              Status set to <StatusBadge status={u.status} />
              {u.confidence !== null && <span className="muted"> · confidence {u.confidence}/10</span>}
            </p>
          )}
          {u.note && <p className="note">{u.note}</p>}
          {u.values.length > 0 && (
            <ul className="plain-list small">
              {u.values.map((v) => (
                <li key={v.measureId}>
                  {v.measureName}: {v.kind === "milestone" ? (v.value === 1 ? "done" : "not done") : formatNumber(v.value, v.unit)}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

function ConvenorActions({ detail }: { detail: GoalDetail }) {
  const g = detail.goal;
  const navigate = useNavigate();
  const cycles = useQuery(cyclesQuery);
  const removal = useSoftDelete({
    family: "goals",
    remove: () => call(api.goals[":id"].$delete({ param: { id: String(g.id) } })),
    restore: () => call(api.goals[":id"].restore.$post({ param: { id: String(g.id) } })),
    name: () => `the goal “${g.title}”`,
    confirmLabel: "Delete goal",
    lost: () => (
      <>
        <p>
          The goal, its {plural(g.measures.length, "measure")} and {plural(detail.updates.length, "update")} leave every list, chart and
          count. Progress of {percent(g.progress)} will no longer count towards the cycle.
        </p>
        <p>You can undo this straight away, or restore it later from Goals › Deleted goals.</p>
      </>
    ),
    onDeleted: () => navigate({ to: "/goals" }),
    onRestored: () => navigate({ to: "/goals/$goalId", params: { goalId: g.id } }),
  });
  const openCycles = (cycles.data?.cycles ?? []).filter(
    (c) => c.state === "open" && c.id !== g.cycleId && !detail.copies.some((x) => x.cycleName === c.name),
  );

  return (
    <section aria-labelledby="actions-heading" className="no-print convenor-actions">
      <h2 id="actions-heading">Convenor actions</h2>
      <div className="action-row">
        {openCycles.length > 0 && <CopyForwardForm goalId={g.id} cycles={openCycles} />}
        {!g.cycleClosed && (
          <button type="button" className="button danger" onClick={() => removal.ask(g)}>
            Delete goal
          </button>
        )}
      </div>
      {removal.dialog}
    </section>
  );
}

const copyForwardSchema = z.object({ cycleId: z.number({ error: "Choose the cycle to carry the goal into" }) });

function CopyForwardForm({ goalId, cycles }: { goalId: number; cycles: readonly { id: number; name: string }[] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const copy = useMutation({
    mutationFn: (cycleId: number) => call(api.goals[":id"]["copy-forward"].$post({ param: { id: String(goalId) }, json: { cycleId } })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast("Goal carried forward.");
      void navigate({ to: "/goals/$goalId", params: { goalId: res.goal.id } });
    },
  });
  const form = useAppForm({
    defaultValues: { cycleId: null as number | null },
    validators: { onChange: copyForwardSchema },
    onSubmit: ({ value }) => copy.mutate(copyForwardSchema.parse(value).cycleId),
  });
  return (
    <form.AppForm>
      <form.Form className="inline-form" idPrefix="copy" error={copy.error}>
        <form.AppField name="cycleId">
          {(f) => <f.RecordField label="Carry forward into" records={cycles} none="Choose a cycle" />}
        </form.AppField>
        <form.SubmitButton label="Copy forward" className="button secondary" busy={copy.isPending} />
      </form.Form>
    </form.AppForm>
  );
}
