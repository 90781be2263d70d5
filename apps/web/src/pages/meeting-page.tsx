/** One meeting: when and where, agenda and minutes, who came, and what was decided. */
import {
  type AttendanceStatus,
  type GoalStatus,
  goalStatuses,
  goalStatusLabels,
  meetingKindLabels,
  visibilityLabels,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { ApiFailure, api, call, type MeetingDetail } from "../api.ts";
import { ConfirmDialog } from "../components/dialog.tsx";
import { Markdown } from "../components/markdown.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { apiFieldErrors } from "../form-errors.ts";
import { formatMeetingTime } from "../meeting-format.ts";
import { cyclesQuery, goalsQuery, meetingQuery, meQuery, organisationsQuery, themesQuery } from "../queries.ts";
import { useSoftDelete } from "../soft-delete.tsx";

export function MeetingPage() {
  const { meetingId } = useParams({ from: "/app/meetings/$meetingId" });
  const meeting = useQuery(meetingQuery(meetingId));
  const me = useQuery(meQuery);

  if (meeting.isLoading) return <SkeletonPage title="Meeting" />;
  if (meeting.error instanceof ApiFailure && meeting.error.status === 404) {
    return (
      <>
        <h1>Meeting not found</h1>
        <p>This meeting does not exist, has been deleted, or is not shared with you.</p>
        <Link to="/meetings">All meetings</Link>
      </>
    );
  }
  if (meeting.error || !meeting.data) return <ErrorMessage error={meeting.error} retry={() => meeting.refetch()} />;
  const d = meeting.data;
  const m = d.meeting;
  const isConvenor = me.data?.user?.role === "convenor";

  return (
    <article className="meeting-page">
      <p className="breadcrumbs no-print">
        <Link to="/meetings">Meetings</Link> › {meetingKindLabels[m.kind]}
      </p>
      <div className="page-head">
        <h1>{m.title}</h1>
        <div className="action-row no-print">
          <a className="button secondary" href={`/api/meetings/${m.id}/ics`} download={`meeting-${m.id}.ics`}>
            Add to calendar (.ics)
          </a>
          {isConvenor && (
            <Link to="/meetings/$meetingId/edit" params={{ meetingId: m.id }} className="button secondary">
              Edit meeting
            </Link>
          )}
        </div>
      </div>
      <dl className="facts">
        <div>
          <dt>Kind</dt>
          <dd>{meetingKindLabels[m.kind]}</dd>
        </div>
        <div>
          <dt>When</dt>
          <dd>{formatMeetingTime(m.startsAt, m.endsAt)}</dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>{m.place || (m.onlineUrl ? "Online" : "Not set yet")}</dd>
        </div>
        {m.onlineUrl && (
          <div>
            <dt>Online</dt>
            <dd>
              <a href={m.onlineUrl} rel="noopener noreferrer nofollow" className="break-anywhere">
                {m.onlineUrl}
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt>Cycle</dt>
          <dd>{m.cycleName ?? "None"}</dd>
        </div>
        <div>
          <dt>Visible to</dt>
          <dd>
            <VisibilityBadge visibility={m.visibility} />
          </dd>
        </div>
      </dl>

      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">Agenda</h2>
        {m.agenda ? <Markdown text={m.agenda} /> : <p className="muted">No agenda has been written yet.</p>}
      </section>

      <section aria-labelledby="minutes-heading">
        <h2 id="minutes-heading">Minutes</h2>
        {m.minutes ? <Markdown text={m.minutes} /> : <p className="muted">No minutes yet. They are added after the meeting.</p>}
      </section>

      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">Attendance</h2>
        <AttendanceList detail={d} />
        {isConvenor && <AttendanceForm detail={d} />}
      </section>

      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Decisions</h2>
        <DecisionList detail={d} isConvenor={isConvenor} />
        {isConvenor && <DecisionForm detail={d} />}
      </section>

      {isConvenor && <DeleteMeeting detail={d} />}
    </article>
  );
}

function AttendanceList({ detail }: { detail: MeetingDetail }) {
  const attended = detail.attendance.filter((a) => a.status === "attended");
  const apologies = detail.attendance.filter((a) => a.status === "apologies");
  if (detail.attendance.length === 0) {
    return <p className="muted">No attendance recorded yet.</p>;
  }
  return (
    <div className="two-columns">
      <div>
        <h3>Attended ({attended.length})</h3>
        {attended.length ? (
          <ul className="plain-list">
            {attended.map((a) => (
              <li key={a.organisationId}>
                <Link to="/organisations/$orgId" params={{ orgId: a.organisationId }}>
                  {a.organisationName}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None recorded.</p>
        )}
      </div>
      <div>
        <h3>Sent apologies ({apologies.length})</h3>
        {apologies.length ? (
          <ul className="plain-list">
            {apologies.map((a) => (
              <li key={a.organisationId}>{a.organisationName}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">None.</p>
        )}
      </div>
    </div>
  );
}

type Mark = AttendanceStatus | "";

function AttendanceForm({ detail }: { detail: MeetingDetail }) {
  const orgs = useQuery(organisationsQuery);
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const initial = () => Object.fromEntries(detail.attendance.map((a) => [a.organisationId, a.status as Mark])) as Record<number, Mark>;
  const [marks, setMarks] = useState<Record<number, Mark>>(initial);
  const save = useMutation({
    mutationFn: () =>
      call(
        api.meetings[":id"].attendance.$put({
          param: { id: String(detail.meeting.id) },
          json: {
            version: detail.meeting.version,
            attendance: Object.entries(marks)
              .filter(([, s]) => s)
              .map(([id, s]) => ({ organisationId: Number(id), status: s as AttendanceStatus })),
          },
        }),
      ),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ["meetings"] });
      toast("Attendance saved.");
    },
  });
  const conflict = save.error instanceof ApiFailure && save.error.status === 409;
  if (!open) {
    return (
      <button
        type="button"
        className="button secondary no-print"
        onClick={() => {
          setMarks(initial());
          save.reset();
          setOpen(true);
        }}
      >
        Record attendance
      </button>
    );
  }
  const list = (orgs.data?.organisations ?? []).filter((o) => !o.leftOn || o.leftOn >= detail.meeting.startsAt.slice(0, 10));
  return (
    <form
      className="form card no-print"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <fieldset className="field-group attendance-grid">
        <legend>Who came? Mark each organisation that attended or sent apologies.</legend>
        {list.map((o) => (
          <fieldset key={o.id} className="attendance-row">
            <legend>{o.name}</legend>
            {(
              [
                ["attended", "Attended"],
                ["apologies", "Apologies"],
                ["", "Not recorded"],
              ] as const
            ).map(([value, label]) => (
              <label key={value || "none"} className="checkbox">
                <input
                  type="radio"
                  name={`org-${o.id}`}
                  value={value}
                  checked={(marks[o.id] ?? "") === value}
                  onChange={() => setMarks((mk) => ({ ...mk, [o.id]: value }))}
                />{" "}
                {label}
              </label>
            ))}
          </fieldset>
        ))}
      </fieldset>
      {save.error && (
        <div className="error-box" role="alert">
          {conflict
            ? "Someone else changed this meeting while you were recording. Close this form and open it again to see their changes."
            : save.error.message}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save attendance"}
        </button>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DecisionList({ detail, isConvenor }: { detail: MeetingDetail; isConvenor: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [removing, setRemoving] = useState<number | null>(null);
  const remove = useMutation({
    mutationFn: (id: number) =>
      call(api.meetings[":id"].decisions[":decisionId"].$delete({ param: { id: String(detail.meeting.id), decisionId: String(id) } })),
    onSuccess: () => {
      setRemoving(null);
      void queryClient.invalidateQueries({ queryKey: ["meetings"] });
      toast("Decision removed.");
    },
  });
  if (detail.decisions.length === 0) {
    return (
      <EmptyState title="No decisions recorded">
        <p>What the meeting agreed will be listed here, with links to any goals it created or changed.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <ol className="decision-list">
        {detail.decisions.map((d) => (
          <li key={d.id}>
            <p>{d.text}</p>
            {d.goalId && (
              <p className="small">
                {d.goalAction === "created" ? "Created the goal " : "Changed the goal "}
                <Link to="/goals/$goalId" params={{ goalId: d.goalId }}>
                  {d.goalTitle}
                </Link>{" "}
                {d.goalStatus && <StatusBadge status={d.goalStatus} />}
              </p>
            )}
            {isConvenor && (
              <button type="button" className="link-button danger-text no-print" onClick={() => setRemoving(d.id)}>
                Remove decision
              </button>
            )}
          </li>
        ))}
      </ol>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this decision?"
        confirmLabel="Remove decision"
        busy={remove.isPending}
        onConfirm={() => removing !== null && remove.mutate(removing)}
        onCancel={() => setRemoving(null)}
      >
        <p>The decision's words are removed from this meeting. Any goal it created or changed stays as it is now.</p>
        {remove.error && <ErrorMessage error={remove.error} />}
      </ConfirmDialog>
    </>
  );
}

type Action = "none" | "create_goal" | "change_goal";

function DecisionForm({ detail }: { detail: MeetingDetail }) {
  const m = detail.meeting;
  const queryClient = useQueryClient();
  const toast = useToast();
  const cycles = useQuery(cyclesQuery);
  const themes = useQuery(themesQuery);
  const orgs = useQuery(organisationsQuery);
  const { cycle: chosen } = useCycleChoice();
  const openCycles = (cycles.data?.cycles ?? []).filter((c) => c.state === "open");
  const defaultCycle = openCycles.find((c) => c.id === m.cycleId) ?? openCycles.find((c) => c.id === chosen?.id) ?? openCycles[0];
  const [action, setAction] = useState<Action>("none");
  const [text, setText] = useState("");
  const [cycleId, setCycleId] = useState<string>("");
  const [goalTitle, setGoalTitle] = useState("");
  const [themeId, setThemeId] = useState("");
  const [leadId, setLeadId] = useState("");
  const [goalId, setGoalId] = useState("");
  const [status, setStatus] = useState<GoalStatus | "">("");
  const [dueDate, setDueDate] = useState("");
  const effectiveCycle = cycleId ? Number(cycleId) : defaultCycle?.id;
  const goals = useQuery({ ...goalsQuery({ cycleId: effectiveCycle }), enabled: action === "change_goal" && effectiveCycle !== undefined });

  const add = useMutation({
    mutationFn: (json: Parameters<(typeof api.meetings)[":id"]["decisions"]["$post"]>[0]["json"]) =>
      call(api.meetings[":id"].decisions.$post({ param: { id: String(m.id) }, json })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["meetings"] });
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast(res.decision.goalAction === "created" ? "Decision recorded and goal created." : "Decision recorded.");
      setText("");
      setGoalTitle("");
      setGoalId("");
      setStatus("");
      setDueDate("");
      setAction("none");
    },
  });
  const errors = apiFieldErrors(add.error);
  const fieldError = (f: string) =>
    add.error instanceof ApiFailure ? add.error.details?.fields?.find((x) => x.field === f)?.message : undefined;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (action === "none") add.mutate({ action, text });
    else if (action === "create_goal") {
      add.mutate({
        action,
        text,
        goal: {
          cycleId: effectiveCycle ?? 0,
          title: goalTitle,
          themeId: themeId ? Number(themeId) : null,
          leadOrganisationId: leadId ? Number(leadId) : null,
          dueDate: dueDate || null,
        },
      });
    } else {
      const goal = goals.data?.goals.find((g) => g.id === Number(goalId));
      add.mutate({
        action,
        text,
        goalId: Number(goalId) || 0,
        goalVersion: goal?.version ?? 1,
        ...(status ? { status } : {}),
        ...(dueDate ? { dueDate } : {}),
      });
    }
  };

  return (
    <form className="form card no-print" onSubmit={submit} aria-labelledby="decision-form-heading" noValidate>
      <h3 id="decision-form-heading">Add a decision</h3>
      {add.error && (
        <div className="error-box" role="alert">
          {add.error instanceof ApiFailure && add.error.status === 409 && add.error.code === "conflict"
            ? "That goal was changed since this page loaded. Pick it again to use its latest version."
            : add.error.message}
        </div>
      )}
      <div className={`field ${errors.text ? "has-error" : ""}`}>
        <label htmlFor="decision-text">What was decided?</label>
        <textarea
          id="decision-text"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={Boolean(errors.text)}
          aria-describedby={errors.text ? "decision-text-error" : undefined}
        />
        {errors.text && (
          <p className="field-error" id="decision-text-error">
            {errors.text}
          </p>
        )}
      </div>
      <fieldset className="field-group">
        <legend>Does it affect a goal?</legend>
        {(
          [
            ["none", "No, just record the decision"],
            ["create_goal", "Yes: create a goal"],
            ["change_goal", "Yes: change a goal"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="checkbox">
            <input type="radio" name="decision-action" value={value} checked={action === value} onChange={() => setAction(value)} /> {label}
          </label>
        ))}
      </fieldset>
      {action !== "none" && (
        <div className="field">
          <label htmlFor="decision-cycle">Cycle</label>
          {openCycles.length === 0 ? (
            <p className="muted">There is no open cycle: goals can only be created or changed in an open cycle.</p>
          ) : (
            <select id="decision-cycle" value={cycleId || String(defaultCycle?.id ?? "")} onChange={(e) => setCycleId(e.target.value)}>
              {openCycles.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
      {action === "create_goal" && (
        <div className="field-row">
          <div className={`field ${fieldError("goal.title") ? "has-error" : ""}`}>
            <label htmlFor="decision-goal-title">Goal title</label>
            <input
              id="decision-goal-title"
              value={goalTitle}
              maxLength={300}
              onChange={(e) => setGoalTitle(e.target.value)}
              aria-invalid={Boolean(fieldError("goal.title"))}
            />
            {fieldError("goal.title") && <p className="field-error">{fieldError("goal.title")}</p>}
          </div>
          <div className="field">
            <label htmlFor="decision-theme">Theme</label>
            <select id="decision-theme" value={themeId} onChange={(e) => setThemeId(e.target.value)}>
              <option value="">No theme</option>
              {themes.data?.themes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="decision-lead">Lead organisation</label>
            <select id="decision-lead" value={leadId} onChange={(e) => setLeadId(e.target.value)}>
              <option value="">No lead yet</option>
              {orgs.data?.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="decision-due">Due date (optional)</label>
            <input id="decision-due" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
          </div>
          <p className="hint">The goal is visible to the same people as this meeting ({visibilityLabels[m.visibility].toLowerCase()}).</p>
        </div>
      )}
      {action === "change_goal" && (
        <div className="field-row">
          <div className={`field ${fieldError("goalId") ? "has-error" : ""}`}>
            <label htmlFor="decision-goal">Goal</label>
            <select
              id="decision-goal"
              value={goalId}
              onChange={(e) => setGoalId(e.target.value)}
              aria-invalid={Boolean(fieldError("goalId"))}
            >
              <option value="">Choose a goal</option>
              {goals.data?.goals.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.title}
                </option>
              ))}
            </select>
            {fieldError("goalId") && <p className="field-error">Choose the goal this decision changes.</p>}
          </div>
          <div className={`field ${fieldError("status") ? "has-error" : ""}`}>
            <label htmlFor="decision-status">New status</label>
            <select id="decision-status" value={status} onChange={(e) => setStatus(e.target.value as GoalStatus | "")}>
              <option value="">Unchanged</option>
              {goalStatuses.map((s) => (
                <option key={s} value={s}>
                  {goalStatusLabels[s]}
                </option>
              ))}
            </select>
            {fieldError("status") && <p className="field-error">Choose a new status or a new due date.</p>}
          </div>
          <div className="field">
            <label htmlFor="decision-new-due">New due date</label>
            <input id="decision-new-due" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
          </div>
        </div>
      )}
      <button type="submit" className="button" disabled={add.isPending}>
        {add.isPending ? "Saving…" : "Add decision"}
      </button>
    </form>
  );
}

function DeleteMeeting({ detail }: { detail: MeetingDetail }) {
  const m = detail.meeting;
  const navigate = useNavigate();
  const removal = useSoftDelete({
    family: "meetings",
    remove: () => call(api.meetings[":id"].$delete({ param: { id: String(m.id) } })),
    restore: () => call(api.meetings[":id"].restore.$post({ param: { id: String(m.id) } })),
    name: () => `the meeting “${m.title}”`,
    confirmLabel: "Delete meeting",
    lost: () => (
      <p>
        The meeting leaves the list, everyone's calendar feeds and the attendance chart, with its agenda, minutes, attendance and{" "}
        {detail.decisions.length === 1 ? "1 decision" : `${detail.decisions.length} decisions`}. Goals it created or changed stay as they
        are. You can undo this straight after.
      </p>
    ),
    onDeleted: () => navigate({ to: "/meetings" }),
    onRestored: () => navigate({ to: "/meetings/$meetingId", params: { meetingId: m.id } }),
  });
  return (
    <section className="convenor-actions no-print" aria-label="Convenor actions">
      <button type="button" className="button danger" onClick={() => removal.ask(m)}>
        Delete meeting
      </button>
      {removal.dialog}
    </section>
  );
}
