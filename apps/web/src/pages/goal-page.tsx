import { type GoalStatus, goalStatuses, goalStatusLabels, percent, type Visibility, visibilities, visibilityLabels } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { lazy, useState } from "react";
import { ApiFailure, api, call, type GoalDetail } from "../api.ts";
import { ChartFigure } from "../components/chart-figure.tsx";
import { GoalMilestones } from "../components/goal-milestones.tsx";
import { ProgressBar } from "../components/progress-bar.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatDate, formatDateTime, formatNumber, plural } from "../format.ts";
import { cyclesQuery, goalQuery, meQuery, organisationsQuery } from "../queries.ts";
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
  const me = useQuery(meQuery);
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
  const user = me.data?.user;
  const isConvenor = user?.role === "convenor";
  const orgName = (id: number) => orgs.data?.organisations.find((o) => o.id === id)?.name ?? `Organisation ${id}`;
  const involved =
    user?.organisationId != null &&
    (g.leadOrganisationId === user.organisationId || g.supportingOrganisationIds.includes(user.organisationId));
  const canPost = !g.cycleClosed && (isConvenor || (user?.role === "member" && involved));

  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/goals">Goals</Link> › Cycle: {g.cycleName}
      </p>
      <div className="page-head">
        <h1>{g.title}</h1>
        {isConvenor && !g.cycleClosed && (
          <Link to="/goals/$goalId/edit" params={{ goalId: g.id }} className="button secondary no-print">
            Edit goal
          </Link>
        )}
      </div>
      {g.cycleClosed && <p className="notice">The {g.cycleName} cycle is closed: this goal is read-only history.</p>}
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
      {g.description && <p className="description">{g.description}</p>}
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
                the {c.cycleName} cycle
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
            {isConvenor && !g.cycleClosed && <p>Add the first one below.</p>}
          </EmptyState>
        ) : (
          <div className="measure-list">
            {g.measures.map((m) => (
              <MeasureCard
                key={m.id}
                measure={m}
                points={d.measureHistory.find((h) => h.measureId === m.id)?.points ?? []}
                canEdit={isConvenor && !g.cycleClosed}
              />
            ))}
          </div>
        )}
        {isConvenor && !g.cycleClosed && <MeasureForm goalId={g.id} />}
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
        {!canPost && !g.cycleClosed && user?.role === "member" && (
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
            Edit measure
          </button>
          <button type="button" className="link-button danger-text" onClick={() => removal.ask(m)}>
            Remove measure
          </button>
        </div>
      )}
      {removal.dialog}
    </article>
  );
}

function UpdateForm({ detail, isConvenor }: { detail: GoalDetail; isConvenor: boolean }) {
  const g = detail.goal;
  const queryClient = useQueryClient();
  const toast = useToast();
  const orgs = useQuery(organisationsQuery);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [formKey, setFormKey] = useState(0);
  const post = useMutation({
    mutationFn: (json: Parameters<typeof api.updates.$post>[0]["json"]) => call(api.updates.$post({ json })),
    onSuccess: () => {
      setError(null);
      setFormKey((k) => k + 1);
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast("Update posted.");
    },
    onError: (e) => setError(e instanceof ApiFailure ? e : null),
  });

  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const values = g.measures.flatMap((m) => {
      const raw = String(f.get(`measure-${m.id}`) ?? "").trim();
      if (raw === "") return [];
      return [{ measureId: m.id, value: m.kind === "milestone" ? Number(raw === "1") : Number(raw) }];
    });
    const bad = values.find((v) => !Number.isFinite(v.value));
    if (bad) {
      setError(
        new ApiFailure(400, "invalid_input", "New values must be numbers.", {
          fields: [{ field: `measure-${bad.measureId}`, message: "must be a number" }],
        }),
      );
      return;
    }
    const status = String(f.get("status") ?? "");
    const confidence = String(f.get("confidence") ?? "");
    post.mutate({
      goalId: g.id,
      note: String(f.get("note") ?? ""),
      status: status ? (status as GoalStatus) : null,
      confidence: confidence === "" ? null : Number(confidence),
      values,
      visibility: String(f.get("visibility")) as Visibility,
      organisationId: isConvenor && f.get("organisationId") ? Number(f.get("organisationId")) : null,
    });
  };

  return (
    <form key={formKey} className="form card update-form" onSubmit={submit} aria-labelledby="update-form-heading">
      <h3 id="update-form-heading">Post an update</h3>
      {error && (
        <div className="error-box" role="alert">
          {error.message}
        </div>
      )}
      <div className="field">
        <label htmlFor="note">What has happened?</label>
        <textarea id="note" name="note" rows={3} maxLength={10000} />
      </div>
      {g.measures.length > 0 && (
        <fieldset className="field-group">
          <legend>New measure values (leave blank if unchanged)</legend>
          {g.measures.map((m) => (
            <div className="field" key={m.id}>
              <label htmlFor={`measure-${m.id}`}>
                {m.name}
                {m.unit ? ` (${m.unit})` : ""}
              </label>
              {m.kind === "milestone" ? (
                <select id={`measure-${m.id}`} name={`measure-${m.id}`} defaultValue="">
                  <option value="">Unchanged ({m.current === 1 ? "done" : "not done"})</option>
                  <option value="1">Done</option>
                  <option value="0">Not done</option>
                </select>
              ) : (
                <input
                  id={`measure-${m.id}`}
                  name={`measure-${m.id}`}
                  type="number"
                  step="any"
                  inputMode="decimal"
                  placeholder={`Now ${formatNumber(m.current)}`}
                  aria-invalid={Boolean(error?.fieldMessage(`measure-${m.id}`))}
                />
              )}
            </div>
          ))}
        </fieldset>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor="status">Status</label>
          <p className="hint" id="status-hint">
            A new status changes the goal itself, for everyone who can see it.
          </p>
          <select id="status" name="status" defaultValue="" aria-describedby="status-hint">
            <option value="">Unchanged ({goalStatusLabels[g.status]})</option>
            {goalStatuses.map((s) => (
              <option key={s} value={s}>
                {goalStatusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="confidence">Confidence (0–10, optional)</label>
          <input id="confidence" name="confidence" type="number" min={0} max={10} step={1} />
        </div>
        <div className="field">
          <label htmlFor="visibility">Visible to</label>
          <select id="visibility" name="visibility" defaultValue={g.visibility === "public" ? "members" : g.visibility}>
            {visibilities.map((v) => (
              <option key={v} value={v}>
                {visibilityLabels[v]}
              </option>
            ))}
          </select>
        </div>
        {isConvenor && (
          <div className="field">
            <label htmlFor="organisationId">On behalf of</label>
            <select id="organisationId" name="organisationId" defaultValue="">
              <option value="">No organisation (convenor)</option>
              {orgs.data?.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <button type="submit" className="button" disabled={post.isPending}>
        {post.isPending ? "Posting…" : "Post update"}
      </button>
    </form>
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
  const queryClient = useQueryClient();
  const toast = useToast();
  const cycles = useQuery(cyclesQuery);
  const [target, setTarget] = useState("");
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
  const copy = useMutation({
    mutationFn: (cycleId: number) => call(api.goals[":id"]["copy-forward"].$post({ param: { id: String(g.id) }, json: { cycleId } })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast("Goal carried forward.");
      void navigate({ to: "/goals/$goalId", params: { goalId: res.goal.id } });
    },
  });
  const openCycles = (cycles.data?.cycles ?? []).filter(
    (c) => c.state === "open" && c.id !== g.cycleId && !detail.copies.some((x) => x.cycleName === c.name),
  );

  return (
    <section aria-labelledby="actions-heading" className="no-print convenor-actions">
      <h2 id="actions-heading">Convenor actions</h2>
      <div className="action-row">
        {openCycles.length > 0 && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (target) copy.mutate(Number(target));
            }}
          >
            <label htmlFor="copy-target">Carry forward into</label>
            <select id="copy-target" value={target} onChange={(e) => setTarget(e.target.value)} required>
              <option value="">Choose a cycle</option>
              {openCycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <button type="submit" className="button secondary" disabled={!target || copy.isPending}>
              Copy forward
            </button>
          </form>
        )}
        {!g.cycleClosed && (
          <button type="button" className="button danger" onClick={() => removal.ask(g)}>
            Delete goal
          </button>
        )}
      </div>
      {copy.error && <ErrorMessage error={copy.error} />}
      {removal.dialog}
    </section>
  );
}
