/** One meeting: when and where, agenda and minutes, who came, and what was decided. */
import {
  type AttendanceStatus,
  attendanceInputSchema,
  type DecisionInput,
  decisionInputSchema,
  type GoalStatus,
  goalStatuses,
  goalStatusLabels,
  meetingKindLabels,
  visibilityLabels,
} from "@convene/domain";
import { useStore } from "@tanstack/react-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useEffect, useMemo, useRef, useState } from "react";
import { useAccess } from "../access.ts";
import { ApiFailure, api, call, type MeetingDetail } from "../api.ts";
import { ConfirmDialog } from "../components/dialog.tsx";
import { Markdown } from "../components/markdown.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { formatMeetingTime } from "../meeting-format.ts";
import { cyclesQuery, goalsQuery, meetingQuery, organisationsQuery, themesQuery } from "../queries.ts";
import { useSoftDelete } from "../soft-delete.tsx";
import { useVersionedEdit } from "../versioned-edit.tsx";

type AttendanceBody = Parameters<(typeof api.meetings)[":id"]["attendance"]["$put"]>[0]["json"];

export function MeetingPage() {
  const { meetingId } = useParams({ from: "/app/meetings/$meetingId" });
  const meeting = useQuery(meetingQuery(meetingId));
  const { isConvenor } = useAccess();

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
type Meeting = MeetingDetail["meeting"];

const markChoices = [
  { value: "attended", label: "Attended" },
  { value: "apologies", label: "Apologies" },
  { value: "", label: "Not recorded" },
] as const satisfies readonly { value: Mark; label: string }[];

/** The attendance as the API takes it: the organisations with a mark. */
const attendanceOf = (marks: Record<string, Mark>) =>
  Object.entries(marks).flatMap(([id, status]) => (status ? [{ organisationId: Number(id), status }] : []));

const attendanceWords = (rows: { status: AttendanceStatus }[]) => {
  const attended = rows.filter((r) => r.status === "attended").length;
  return `${attended} attended, ${rows.length - attended} sent apologies`;
};

function AttendanceForm({ detail }: { detail: MeetingDetail }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button secondary no-print" onClick={() => setOpen(true)}>
        Record attendance
      </button>
    );
  }
  return <AttendanceMarks detail={detail} onDone={() => setOpen(false)} />;
}

function AttendanceMarks({ detail, onDone }: { detail: MeetingDetail; onDone: () => void }) {
  const orgs = useQuery(organisationsQuery);
  const toast = useToast();
  const edit = useVersionedEdit<Meeting, AttendanceBody>({
    // The marks live in the meeting's detail answer, not in the meeting returned: read it again.
    family: { root: "meetings", one: "meeting", many: "meetings", refetch: true },
    send: (id, json) => call(api.meetings[":id"].attendance.$put({ param: { id: String(id) }, json })).then((r) => r.meeting),
    labels: { attendance: "Attendance" },
    // The meeting as saved now does not carry its marks; the page shows them once theirs are kept.
    show: (_field, value) => (Array.isArray(value) ? attendanceWords(value) : "Changed by someone else"),
    onSaved: () => {
      toast("Attendance saved.");
      onDone();
    },
  });
  const m = detail.meeting;
  const schema = useMemo(
    () =>
      shapedSchema(
        (v: { marks: Record<string, Mark> }) => ({ version: m.version, attendance: attendanceOf(v.marks) }),
        attendanceInputSchema,
      ),
    [m.version],
  );
  const form = useAppForm({
    defaultValues: { marks: Object.fromEntries(detail.attendance.map((a) => [String(a.organisationId), a.status as Mark])) },
    validators: { onChange: schema },
    // Always sent, even unchanged: saying "this is the list" is the point of the form.
    onSubmit: ({ value }) => edit.save(m, {}, { also: { attendance: attendanceOf(value.marks) } }),
  });
  const list = (orgs.data?.organisations ?? []).filter((o) => !o.leftOn || o.leftOn >= m.startsAt.slice(0, 10));
  return (
    <form.AppForm>
      <form.Form className="form card no-print" idPrefix="attendance" error={edit.error}>
        <fieldset className="field-group attendance-grid">
          <legend>Who came? Mark each organisation that attended or sent apologies.</legend>
          {list.map((o) => (
            <form.AppField key={o.id} name={`marks.${o.id}`}>
              {(f) => (
                <div className="attendance-row">
                  <f.RadiosField label={o.name} options={markChoices} />
                </div>
              )}
            </form.AppField>
          ))}
        </fieldset>
        <form.Actions label="Save attendance" busy={edit.isPending} onCancel={onDone} />
      </form.Form>
      {edit.dialog}
    </form.AppForm>
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
            {d.proposalId && (
              <p className="small">
                Decided by proposal:{" "}
                <Link to="/proposals/$proposalId" params={{ proposalId: d.proposalId }}>
                  {d.proposalQuestion}
                </Link>
              </p>
            )}
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

type Action = DecisionInput["action"];

/** What the decision form holds: every field any action may take; the action decides which are sent. */
interface DecisionValues {
  action: Action;
  text: string;
  cycleId: number | null;
  title: string;
  themeId: number | null;
  leadOrganisationId: number | null;
  goalId: number | null;
  status: GoalStatus | null;
  dueDate: string | null;
}

const emptyDecision = (cycleId: number | null): DecisionValues => ({
  action: "none",
  text: "",
  cycleId,
  title: "",
  themeId: null,
  leadOrganisationId: null,
  goalId: null,
  status: null,
  dueDate: null,
});

const actionChoices = [
  { value: "none", label: "No, just record the decision" },
  { value: "create_goal", label: "Yes: create a goal" },
  { value: "change_goal", label: "Yes: change a goal" },
] as const satisfies readonly { value: Action; label: string }[];

function decisionOf(v: DecisionValues, goalVersion: (id: number) => number | undefined) {
  if (v.action === "none") return { action: v.action, text: v.text };
  if (v.action === "create_goal") {
    const { cycleId, title, themeId, leadOrganisationId, dueDate } = v;
    return { action: v.action, text: v.text, goal: { cycleId, title, themeId, leadOrganisationId, dueDate } };
  }
  return {
    action: v.action,
    text: v.text,
    goalId: v.goalId,
    goalVersion: v.goalId === null ? 1 : (goalVersion(v.goalId) ?? 1),
    ...(v.status ? { status: v.status } : {}),
    ...(v.dueDate ? { dueDate: v.dueDate } : {}),
  };
}

/**
 * The API's schema on the shaped decision: "goal.title" is the form's "title". A goal or cycle
 * not chosen yet is said here in plain words; the API could only call it a missing number.
 */
function decisionSchema(goalVersion: (id: number) => number | undefined) {
  return shapedSchema(
    (v: DecisionValues) => decisionOf(v, goalVersion),
    decisionInputSchema,
    (path, v) => {
      if (path[0] === "goal") return path[1] === "cycleId" && v.cycleId === null ? null : path.slice(1);
      if (path[0] === "goalId" && v.goalId === null) return null;
      return path;
    },
  ).superRefine((v, ctx) => {
    if (v.action === "change_goal" && v.goalId === null)
      ctx.addIssue({ code: "custom", path: ["goalId"], message: "Choose the goal this decision changes" });
    if (v.action === "create_goal" && v.cycleId === null)
      ctx.addIssue({ code: "custom", path: ["cycleId"], message: "Choose the cycle the goal belongs to" });
  });
}

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

  const add = useMutation({
    mutationFn: (json: Parameters<(typeof api.meetings)[":id"]["decisions"]["$post"]>[0]["json"]) =>
      call(api.meetings[":id"].decisions.$post({ param: { id: String(m.id) }, json })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["meetings"] });
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast(res.decision.goalAction === "created" ? "Decision recorded and goal created." : "Decision recorded.");
      // Ready for the next decision, in the same cycle.
      form.reset(emptyDecision(form.getFieldValue("cycleId")));
    },
  });
  // The version of the goal chosen, read when the form is sent: the goals load after the form starts.
  const goalsNow = useRef<{ id: number; version: number }[]>([]);
  const schema = useMemo(() => decisionSchema((id) => goalsNow.current.find((g) => g.id === id)?.version), []);
  const form = useAppForm({
    defaultValues: emptyDecision(defaultCycle?.id ?? null),
    validators: { onChange: schema },
    onSubmit: ({ value }) =>
      add.mutate(decisionInputSchema.parse(decisionOf(value, (id) => goalsNow.current.find((g) => g.id === id)?.version))),
  });
  // The cycles may arrive after the form starts: the meeting's own (or the chosen) cycle is the default.
  const defaultCycleId = defaultCycle?.id;
  useEffect(() => {
    if (defaultCycleId !== undefined && form.getFieldValue("cycleId") === null) form.setFieldValue("cycleId", defaultCycleId);
  }, [form, defaultCycleId]);
  const action = useStore(form.store, (s) => s.values.action);
  const cycleId = useStore(form.store, (s) => s.values.cycleId) ?? defaultCycle?.id;
  const goals = useQuery({ ...goalsQuery({ cycleId }), enabled: action === "change_goal" && cycleId !== undefined });
  goalsNow.current = goals.data?.goals ?? [];

  // A 409 here is the goal's version, not this form's: say what to do rather than open the conflict dialog.
  const error =
    add.error instanceof ApiFailure && add.error.status === 409
      ? "That goal was changed since this page loaded. Choose it again to use its latest version."
      : add.error;

  return (
    <section className="card form-card no-print" aria-labelledby="decision-form-heading">
      <h3 id="decision-form-heading">Add a decision</h3>
      <form.AppForm>
        <form.Form idPrefix="decision" error={error}>
          <form.AppField name="text">{(f) => <f.TextAreaField label="What was decided?" rows={3} />}</form.AppField>
          <form.AppField name="action">{(f) => <f.RadiosField label="Does it affect a goal?" options={actionChoices} />}</form.AppField>
          {action !== "none" &&
            (openCycles.length === 0 ? (
              <p className="muted">There is no open cycle: goals can only be created or changed in an open cycle.</p>
            ) : (
              <form.AppField name="cycleId">{(f) => <f.RecordField label="Cycle" records={openCycles} />}</form.AppField>
            ))}
          {action === "create_goal" && (
            <div className="field-row">
              <form.AppField name="title">{(f) => <f.TextField label="Goal title" maxLength={300} />}</form.AppField>
              <form.AppField name="themeId">
                {(f) => <f.RecordField label="Theme" records={themes.data?.themes} none="No theme" />}
              </form.AppField>
              <form.AppField name="leadOrganisationId">
                {(f) => <f.RecordField label="Lead organisation" records={orgs.data?.organisations} none="No lead yet" />}
              </form.AppField>
              <form.AppField name="dueDate">{(f) => <f.DateField label="Due date (optional)" optional />}</form.AppField>
              <p className="hint">
                The goal is visible to the same people as this meeting ({visibilityLabels[m.visibility].toLowerCase()}).
              </p>
            </div>
          )}
          {action === "change_goal" && (
            <div className="field-row">
              <form.AppField name="goalId">
                {(f) => (
                  <f.RecordField label="Goal" records={goals.data?.goals.map((g) => ({ id: g.id, name: g.title }))} none="Choose a goal" />
                )}
              </form.AppField>
              <form.AppField name="status">
                {(f) => <f.ChoiceField label="New status" options={goalStatuses} labels={goalStatusLabels} none="Unchanged" />}
              </form.AppField>
              <form.AppField name="dueDate">{(f) => <f.DateField label="New due date" optional />}</form.AppField>
            </div>
          )}
          <form.SubmitButton label="Add decision" busy={add.isPending} />
        </form.Form>
      </form.AppForm>
    </section>
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
