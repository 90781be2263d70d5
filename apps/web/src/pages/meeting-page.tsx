/** One meeting: when and where, agenda and minutes, who came, and what was decided. */
import { type AttendanceStatus, attendanceInputSchema, decisionInputSchema, meetingKindLabels, visibilityLabels } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useAccess } from "../access.ts";
import { ApiFailure, api, call, type MeetingDetail } from "../api.ts";
import { Markdown } from "../components/markdown.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { StatusBadge } from "../components/status-badge.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatDateTime } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { formatMeetingTime } from "../meeting-format.ts";
import { closingWords } from "../proposal-format.ts";
import { meetingQuery, organisationsQuery } from "../queries.ts";
import { useSoftDelete } from "../soft-delete.tsx";
import { useVersionedEdit } from "../versioned-edit.tsx";
import {
  emptyGoalEffect,
  GoalEffectFields,
  type GoalEffectValues,
  type GoalVersions,
  goalConflictWords,
  goalEffectOf,
  goalEffectSchema,
  useGoalEffectCycles,
  useGoalVersions,
} from "./goal-effect-fields.tsx";

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
            <Link to="/proposals/new" search={(prev) => ({ ...prev, meetingId: m.id })} className="button secondary">
              Put a proposal to the group
            </Link>
          )}
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

      <section aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">Proposals for this meeting</h2>
        <MeetingProposals detail={d} />
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

/** The proposals put for this meeting's agenda, as far as the viewer may see them, with their state and closing time. */
function MeetingProposals({ detail }: { detail: MeetingDetail }) {
  if (detail.proposals.length === 0) {
    return <p className="muted">No proposals have been put to the group for this meeting.</p>;
  }
  return (
    <ul className="plain-list meeting-proposals">
      {detail.proposals.map((p) => (
        <li key={p.id}>
          <Link to="/proposals/$proposalId" params={{ proposalId: p.id }}>
            {p.question}
          </Link>{" "}
          <span className="muted small">
            {p.state === "open"
              ? `Open until ${formatDateTime(p.closesAt)} (${closingWords(p)})`
              : `${p.state === "closed" ? "Closed" : "Withdrawn"} on ${formatDateTime(p.closedAt ?? p.closesAt)}`}
          </span>
        </li>
      ))}
    </ul>
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
  type Decision = MeetingDetail["decisions"][number];
  const meetingId = String(detail.meeting.id);
  const removal = useSoftDelete({
    family: "meetings",
    remove: (d: Decision) =>
      call(api.meetings[":id"].decisions[":decisionId"].$delete({ param: { id: meetingId, decisionId: String(d.id) } })),
    restore: (d: Decision) =>
      call(api.meetings[":id"].decisions[":decisionId"].restore.$post({ param: { id: meetingId, decisionId: String(d.id) } })),
    name: (d) => `the decision “${d.text.length > 60 ? `${d.text.slice(0, 59).trimEnd()}…` : d.text}”`,
    verb: "remove",
    confirmLabel: "Remove decision",
    lost: () => (
      <p>Its words leave this meeting's record. Any goal it created or changed stays as it is now. You can undo straight after.</p>
    ),
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
              <button type="button" className="link-button danger-text no-print" onClick={() => removal.ask(d)}>
                Remove decision
              </button>
            )}
          </li>
        ))}
      </ol>
      {removal.dialog}
    </>
  );
}

/** The decision as the API takes it: its words, and what it does to a goal. */
const decisionOf = (v: GoalEffectValues, goals: GoalVersions) => ({ text: v.text, ...goalEffectOf(v, goals) });

function DecisionForm({ detail }: { detail: MeetingDetail }) {
  const m = detail.meeting;
  const queryClient = useQueryClient();
  const toast = useToast();
  const { defaultCycleId } = useGoalEffectCycles([m.cycleId]);

  const add = useMutation({
    mutationFn: (json: Parameters<(typeof api.meetings)[":id"]["decisions"]["$post"]>[0]["json"]) =>
      call(api.meetings[":id"].decisions.$post({ param: { id: String(m.id) }, json })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["meetings"] });
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast(res.decision.goalAction === "created" ? "Decision recorded and goal created." : "Decision recorded.");
      // Ready for the next decision, in the same cycle.
      form.reset(emptyGoalEffect(form.getFieldValue("cycleId")));
    },
  });
  const goals = useGoalVersions();
  const schema = useMemo(
    () => goalEffectSchema((v) => decisionOf(v, goals), decisionInputSchema, { effectAt: null, textAt: "text" }),
    [goals],
  );
  const form = useAppForm({
    defaultValues: emptyGoalEffect(defaultCycleId ?? null),
    validators: { onChange: schema },
    onSubmit: ({ value }) => add.mutate(decisionInputSchema.parse(decisionOf(value, goals))),
  });

  return (
    <section className="card form-card no-print" aria-labelledby="decision-form-heading">
      <h3 id="decision-form-heading">Add a decision</h3>
      <form.AppForm>
        <form.Form idPrefix="decision" error={goalConflictWords(add.error)}>
          <form.AppField name="text">{(f) => <f.TextAreaField label="What was decided?" rows={3} />}</form.AppField>
          <GoalEffectFields
            form={form}
            visibleLike="this meeting"
            visibilityWords={visibilityLabels[m.visibility].toLowerCase()}
            defaultCycleId={defaultCycleId}
            goals={goals}
          />
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
