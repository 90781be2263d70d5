/** Recording and editing a meeting, validated as you type with the schema the API uses. */
import { type MeetingKind, meetingInputSchema, meetingKindLabels, meetingKinds, type Visibility } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { ApiFailure, api, call, type MeetingSummary } from "../api.ts";
import { type Conflict, ConflictDialog } from "../components/conflict-dialog.tsx";
import { Field } from "../components/field.tsx";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityField } from "../components/visibility-field.tsx";
import { apiFieldErrors, zodFieldErrors } from "../form-errors.ts";
import { formatMeetingTime, fromLocalInput, toLocalInput } from "../meeting-format.ts";
import { cyclesQuery, meetingQuery } from "../queries.ts";

interface Draft {
  kind: MeetingKind;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string;
  agenda: string;
  minutes: string;
  visibility: Visibility;
  cycleId: string;
}

function draftOf(m?: MeetingSummary): Draft {
  return {
    kind: m?.kind ?? "ad_hoc",
    title: m?.title ?? "",
    startsAt: toLocalInput(m?.startsAt),
    endsAt: toLocalInput(m?.endsAt),
    place: m?.place ?? "",
    onlineUrl: m?.onlineUrl ?? "",
    agenda: m?.agenda ?? "",
    minutes: m?.minutes ?? "",
    visibility: m?.visibility ?? "members",
    cycleId: m?.cycleId ? String(m.cycleId) : "",
  };
}

/** The draft as the API reads it. No cycle chosen means "the cycle whose dates hold the meeting". */
function fieldsOf(d: Draft) {
  return {
    kind: d.kind,
    title: d.title,
    startsAt: fromLocalInput(d.startsAt),
    endsAt: d.endsAt ? fromLocalInput(d.endsAt) : null,
    place: d.place.trim() ? d.place : null,
    onlineUrl: d.onlineUrl.trim() ? d.onlineUrl.trim() : null,
    agenda: d.agenda,
    minutes: d.minutes,
    visibility: d.visibility,
    ...(d.cycleId ? { cycleId: Number(d.cycleId) } : {}),
  };
}

const labels: Record<string, string> = {
  kind: "Kind",
  title: "Title",
  startsAt: "Starts",
  endsAt: "Ends",
  place: "Place",
  onlineUrl: "Online link",
  agenda: "Agenda",
  minutes: "Minutes",
  visibility: "Visible to",
  cycleId: "Cycle",
};

export function NewMeetingPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation({
    mutationFn: (json: Parameters<typeof api.meetings.$post>[0]["json"]) => call(api.meetings.$post({ json })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["meetings"] });
      toast("Meeting recorded.");
      void navigate({ to: "/meetings/$meetingId", params: { meetingId: res.meeting.id } });
    },
  });
  return (
    <>
      <h1>Record a meeting</h1>
      <MeetingForm
        initial={draftOf()}
        submitLabel="Record meeting"
        busy={create.isPending}
        error={create.error}
        onSubmit={(d) => create.mutate(fieldsOf(d))}
        cancel={<Link to="/meetings">Cancel</Link>}
      />
    </>
  );
}

export function EditMeetingPage() {
  const { meetingId } = useParams({ from: "/app/meetings/$meetingId/edit" });
  const meeting = useQuery(meetingQuery(meetingId));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const save = useMutation({
    mutationFn: (json: Parameters<(typeof api.meetings)[":id"]["$patch"]>[0]["json"]) =>
      call(api.meetings[":id"].$patch({ param: { id: String(meetingId) }, json })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["meetings"] });
      toast("Meeting saved.");
      void navigate({ to: "/meetings/$meetingId", params: { meetingId } });
    },
    onError: (e, sent) => {
      if (!(e instanceof ApiFailure) || e.status !== 409) return;
      const theirs = e.details?.current as MeetingSummary;
      const mine = sent as Record<string, unknown>;
      const show = (k: string, v: unknown) =>
        v === null || v === undefined || v === "" ? "—" : k === "startsAt" || k === "endsAt" ? formatMeetingTime(String(v)) : String(v);
      setConflict({
        differences: Object.keys(mine)
          .filter((k) => k !== "version" && JSON.stringify(mine[k]) !== JSON.stringify((theirs as Record<string, unknown>)[k]))
          .map((k) => ({ field: labels[k] ?? k, mine: show(k, mine[k]), theirs: show(k, (theirs as Record<string, unknown>)[k]) })),
        keepTheirs: () => {
          setConflict(null);
          void queryClient.invalidateQueries({ queryKey: ["meetings"] });
          void navigate({ to: "/meetings/$meetingId", params: { meetingId } });
        },
        useMine: () => {
          setConflict(null);
          save.mutate({ ...(sent as object), version: theirs.version } as typeof sent);
        },
      });
    },
  });
  if (meeting.isLoading) return <SkeletonPage title="Edit meeting" />;
  if (meeting.error || !meeting.data) return <ErrorMessage error={meeting.error} />;
  const m = meeting.data.meeting;
  return (
    <>
      <h1>Edit meeting</h1>
      <MeetingForm
        initial={draftOf(m)}
        submitLabel="Save changes"
        busy={save.isPending}
        error={conflict || (save.error instanceof ApiFailure && save.error.status === 409) ? null : save.error}
        onSubmit={(d) => {
          const before = fieldsOf(draftOf(m));
          const after = fieldsOf(d);
          const changed = Object.fromEntries(
            Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before])),
          );
          // "By its date": sending the start again lets the server place the meeting in its cycle.
          if (!d.cycleId && m.cycleId) changed.startsAt = after.startsAt;
          save.mutate({ ...changed, version: m.version });
        }}
        cancel={
          <Link to="/meetings/$meetingId" params={{ meetingId }}>
            Cancel
          </Link>
        }
      />
      <ConflictDialog conflict={conflict} onClose={() => setConflict(null)} />
    </>
  );
}

function MeetingForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  cancel,
}: {
  initial: Draft;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (d: Draft) => void;
  cancel: React.ReactNode;
}) {
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const cycles = useQuery(cyclesQuery);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const touch = (f: string) => setTouched((t) => new Set(t).add(f));

  const parsed = meetingInputSchema.safeParse(fieldsOf(draft));
  const clientErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const serverErrors = apiFieldErrors(error);
  const errorFor = (f: string) => (touched.has(f) ? clientErrors[f] : undefined) ?? serverErrors[f];

  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(new Set(Object.keys(draft)));
        if (parsed.success) onSubmit(draft);
      }}
    >
      {error != null && Object.keys(serverErrors).length === 0 && <ErrorMessage error={error} />}
      <div className="field-row">
        <Field id="kind" label="Kind of meeting" error={errorFor("kind")}>
          {(p) => (
            <select {...p} value={draft.kind} onChange={(e) => set({ kind: e.target.value as MeetingKind })}>
              {meetingKinds.map((k) => (
                <option key={k} value={k}>
                  {meetingKindLabels[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <VisibilityField value={draft.visibility} onChange={(visibility) => set({ visibility })} error={errorFor("visibility")} />
      </div>
      <Field id="title" label="Title" error={errorFor("title")}>
        {(p) => (
          <input
            {...p}
            value={draft.title}
            maxLength={300}
            onChange={(e) => set({ title: e.target.value })}
            onBlur={() => touch("title")}
          />
        )}
      </Field>
      <div className="field-row">
        <Field id="startsAt" label="Starts" hint="Date and time, in your own time zone" error={errorFor("startsAt")}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={draft.startsAt}
              onChange={(e) => set({ startsAt: e.target.value })}
              onBlur={() => touch("startsAt")}
            />
          )}
        </Field>
        <Field id="endsAt" label="Ends (optional)" error={errorFor("endsAt")}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={draft.endsAt}
              onChange={(e) => set({ endsAt: e.target.value })}
              onBlur={() => touch("endsAt")}
            />
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field id="place" label="Place (optional)" hint="Where people meet in person" error={errorFor("place")}>
          {(p) => <input {...p} value={draft.place} maxLength={500} onChange={(e) => set({ place: e.target.value })} />}
        </Field>
        <Field id="onlineUrl" label="Online link (optional)" hint="Starting https://" error={errorFor("onlineUrl")}>
          {(p) => (
            <input
              {...p}
              type="url"
              value={draft.onlineUrl}
              onChange={(e) => set({ onlineUrl: e.target.value })}
              onBlur={() => touch("onlineUrl")}
            />
          )}
        </Field>
      </div>
      <Field
        id="cycleId"
        label="Cycle"
        hint="Left as it is, the meeting joins the cycle whose dates it falls within"
        error={errorFor("cycleId")}
      >
        {(p) => (
          <select {...p} value={draft.cycleId} onChange={(e) => set({ cycleId: e.target.value })}>
            <option value="">By its date</option>
            {cycles.data?.cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="agenda"
        label="Agenda (optional)"
        hint="Markdown: *italic*, **bold**, lists with 1. or -, links as [words](https://…)"
        error={errorFor("agenda")}
      >
        {(p) => <textarea {...p} rows={6} value={draft.agenda} onChange={(e) => set({ agenda: e.target.value })} />}
      </Field>
      <Field id="minutes" label="Minutes (optional)" hint="Markdown, as for the agenda" error={errorFor("minutes")}>
        {(p) => <textarea {...p} rows={10} value={draft.minutes} onChange={(e) => set({ minutes: e.target.value })} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        {cancel}
      </div>
    </form>
  );
}
