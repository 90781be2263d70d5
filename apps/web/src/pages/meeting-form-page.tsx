/** Recording and editing a meeting, validated as you type with the schema the API uses. */
import { meetingInputSchema, meetingKindLabels, meetingKinds } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import type { z } from "zod";
import { api, call, type MeetingPatchBody, type MeetingSummary } from "../api.ts";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { useCreate } from "../create-record.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { formatMeetingTime } from "../meeting-format.ts";
import { cyclesQuery, meetingQuery } from "../queries.ts";
import { useVersionedEdit } from "../versioned-edit.tsx";

type MeetingValues = z.input<typeof meetingInputSchema>;

function valuesOf(m?: MeetingSummary): MeetingValues {
  return {
    kind: m?.kind ?? "ad_hoc",
    title: m?.title ?? "",
    startsAt: m?.startsAt ?? "",
    endsAt: m?.endsAt ?? null,
    place: m?.place ?? null,
    onlineUrl: m?.onlineUrl ?? null,
    agenda: m?.agenda ?? "",
    minutes: m?.minutes ?? "",
    visibility: m?.visibility ?? "members",
    cycleId: m?.cycleId ?? null,
  };
}

/** No cycle chosen means "the cycle whose dates hold the meeting": the field is left out. */
function withoutEmptyCycle({ cycleId, ...rest }: ReturnType<typeof meetingInputSchema.parse>) {
  return cycleId ? { ...rest, cycleId } : rest;
}

const meetingFieldLabels = {
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
} as const;

export function NewMeetingPage() {
  const create = useCreate({
    send: (json: Parameters<typeof api.meetings.$post>[0]["json"]) => call(api.meetings.$post({ json })),
    root: "meetings",
    saved: "Meeting recorded.",
    open: ({ meeting }) => ({ to: "/meetings/$meetingId", params: { meetingId: meeting.id } }),
  });
  return (
    <>
      <h1>Record a meeting</h1>
      <MeetingForm
        initial={valuesOf()}
        submitLabel="Record meeting"
        busy={create.isPending}
        error={create.error}
        onSubmit={(values) => create.mutate(withoutEmptyCycle(meetingInputSchema.parse(values)))}
        cancel={<Link to="/meetings">Cancel</Link>}
      />
    </>
  );
}

export function EditMeetingPage() {
  const { meetingId } = useParams({ from: "/app/meetings/$meetingId/edit" });
  const meeting = useQuery(meetingQuery(meetingId));
  const navigate = useNavigate();
  const toast = useToast();
  const edit = useVersionedEdit<MeetingSummary, MeetingPatchBody>({
    family: { root: "meetings", one: "meeting", many: "meetings" },
    send: (id, json) => call(api.meetings[":id"].$patch({ param: { id: String(id) }, json })).then((r) => r.meeting),
    labels: meetingFieldLabels,
    show: (k, v) => ((k === "startsAt" || k === "endsAt") && typeof v === "string" && v ? formatMeetingTime(v) : undefined),
    onSaved: () => {
      toast("Meeting saved.");
      void navigate({ to: "/meetings/$meetingId", params: { meetingId } });
    },
  });
  if (meeting.isLoading) return <SkeletonPage title="Edit meeting" />;
  if (meeting.error || !meeting.data) return <ErrorMessage error={meeting.error} />;
  const m = meeting.data.meeting;
  return (
    <>
      <h1>Edit meeting</h1>
      <MeetingForm
        initial={valuesOf(m)}
        submitLabel="Save changes"
        busy={edit.isPending}
        error={edit.error}
        onSubmit={(values) => {
          const parsed = withoutEmptyCycle(meetingInputSchema.parse(values));
          // "By its date": sending the start again lets the server place the meeting in its cycle.
          edit.save(m, parsed, !("cycleId" in parsed) && m.cycleId ? { also: { startsAt: parsed.startsAt } } : {});
        }}
        cancel={
          <Link to="/meetings/$meetingId" params={{ meetingId }}>
            Cancel
          </Link>
        }
      />
      {edit.dialog}
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
  initial: MeetingValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: MeetingValues) => void;
  cancel: React.ReactNode;
}) {
  const cycles = useQuery(cyclesQuery);
  const form = useAppForm({
    defaultValues: initial,
    validators: { onChange: meetingInputSchema },
    onSubmit: ({ value }) => onSubmit(value),
  });
  return (
    <form.AppForm>
      <form.Form error={error}>
        <div className="field-row">
          <form.AppField name="kind">
            {(f) => <f.ChoiceField label="Kind of meeting" options={meetingKinds} labels={meetingKindLabels} />}
          </form.AppField>
          <form.AppField name="visibility">{(f) => <f.VisibilityField />}</form.AppField>
        </div>
        <form.AppField name="title">{(f) => <f.TextField label="Title" maxLength={300} />}</form.AppField>
        <div className="field-row">
          <form.AppField name="startsAt" listeners={{ onChange: () => form.validateField("endsAt", "change") }}>
            {(f) => <f.DateTimeField label="Starts" hint="In your own time zone" />}
          </form.AppField>
          <form.AppField name="endsAt">{(f) => <f.DateTimeField label="Ends (optional)" optional />}</form.AppField>
        </div>
        <div className="field-row">
          <form.AppField name="place">
            {(f) => <f.TextField label="Place (optional)" hint="Where people meet in person" maxLength={500} nullable />}
          </form.AppField>
          <form.AppField name="onlineUrl">
            {(f) => <f.TextField label="Online link (optional)" hint="The full web address, starting https://" type="url" nullable />}
          </form.AppField>
        </div>
        <form.AppField name="cycleId">
          {(f) => (
            <f.RecordField
              label="Cycle"
              hint="Left as it is, the meeting joins the cycle whose dates it falls within"
              records={cycles.data?.cycles}
              none="By its date"
            />
          )}
        </form.AppField>
        <form.AppField name="agenda">
          {(f) => (
            <f.TextAreaField
              label="Agenda (optional)"
              hint="Markdown: *italic*, **bold**, lists with 1. or -, links as [words](https://…)"
              rows={6}
            />
          )}
        </form.AppField>
        <form.AppField name="minutes">
          {(f) => <f.TextAreaField label="Minutes (optional)" hint="Markdown, as for the agenda" rows={10} />}
        </form.AppField>
        <form.Actions label={submitLabel} busy={busy}>
          {cancel}
        </form.Actions>
      </form.Form>
    </form.AppForm>
  );
}
