/**
 * Putting a question to the group, and editing it while it is open (convenor only). Options and
 * proposed times are typed one a line; the API's own schema checks them as the list it takes.
 */
import {
  addDays,
  cycleWords,
  type ProposalKind,
  proposalInputSchema,
  proposalKindLabels,
  proposalKinds,
  proposalPatchSchema,
} from "@convene/domain";
import { useStore } from "@tanstack/react-form";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useMemo } from "react";
import { useAccess } from "../access.ts";
import { ApiFailure, api, call, type ProposalPatchBody, type ProposalSummary } from "../api.ts";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { useCreate } from "../create-record.ts";
import { useCycleChoice } from "../cycle-choice.ts";
import { formatCompactDate } from "../format.ts";
import { useAppForm, withForm } from "../forms/form-kit.tsx";
import { type IssuePath, shapedSchema } from "../forms/shaped-schema.ts";
import { takesStance } from "../proposal-format.ts";
import { alertQuery, alertsQuery, goalQuery, goalsQuery, meetingQuery, meetingsQuery, proposalQuery } from "../queries.ts";
import { useVersionedEdit } from "../versioned-edit.tsx";

interface ProposalValues {
  question: string;
  description: string;
  kind: ProposalKind;
  /** The options or proposed times, one a line. */
  optionsText: string;
  closesAt: string;
  quorum: number;
  visibility: ProposalSummary["visibility"];
  /** What the proposal is about or for; each optional, set only when it is put. */
  alertId: number | null;
  meetingId: number | null;
  goalId: number | null;
}

const linesOf = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The options as the API takes them: none for a kind that takes a stance, whatever was typed otherwise. */
const optionsOf = (v: Pick<ProposalValues, "kind" | "optionsText">) => (takesStance(v.kind) ? [] : linesOf(v.optionsText));

/** Every problem with the options (the list, or one of them) is shown beside the one box they are typed in. */
const optionsField = (path: IssuePath): IssuePath => (path[0] === "options" ? ["optionsText"] : path);

const proposalFieldLabels = {
  question: "The question",
  description: "Description",
  options: "Options",
  quorum: "Quorum",
  visibility: "Visible to",
} as const;

type Links = Pick<ProposalValues, "alertId" | "meetingId" | "goalId">;

function valuesOf(p?: ProposalSummary, links: Partial<Links> = {}): ProposalValues {
  return {
    question: p?.question ?? "",
    description: p?.description ?? "",
    kind: p?.kind ?? "consent",
    optionsText: p?.options.join("\n") ?? "",
    closesAt: p?.closesAt ?? "",
    quorum: p?.quorum ?? 10,
    visibility: p?.visibility ?? "members",
    alertId: p?.alertId ?? links.alertId ?? null,
    meetingId: p?.meetingId ?? links.meetingId ?? null,
    goalId: p?.goalId ?? links.goalId ?? null,
  };
}

/** What the API takes for a new proposal. */
const inputOf = (v: ProposalValues) => ({
  question: v.question,
  description: v.description,
  kind: v.kind,
  options: optionsOf(v),
  closesAt: v.closesAt,
  quorum: v.quorum,
  visibility: v.visibility,
  alertId: v.alertId,
  meetingId: v.meetingId,
  goalId: v.goalId,
});

const newSchema = shapedSchema(inputOf, proposalInputSchema, optionsField);

export function NewProposalPage() {
  const search = useSearch({ from: "/app/proposals/new" });
  const create = useCreate({
    send: (json: Parameters<typeof api.proposals.$post>[0]["json"]) => call(api.proposals.$post({ json })),
    root: "proposals",
    saved: "Proposal put to the group. Members can now give their organisation's position.",
    open: ({ proposal }) => ({ to: "/proposals/$proposalId", params: { proposalId: proposal.id } }),
  });
  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/proposals">Proposals</Link>
      </p>
      <h1>New proposal</h1>
      <ProposalForm
        initial={valuesOf(undefined, search)}
        schema={newSchema}
        editing={false}
        submitLabel="Put to the group"
        busy={create.isPending}
        error={create.error}
        onSubmit={(v) => create.mutate(proposalInputSchema.parse(inputOf(v)))}
        cancel={<Link to="/proposals">Cancel</Link>}
      />
    </>
  );
}

/** An open proposal's words, options (until chosen from), quorum and visibility; its closing time moves by "Extend". */
export function EditProposalPage() {
  const { proposalId } = useParams({ from: "/app/proposals/$proposalId/edit" });
  const detail = useQuery(proposalQuery(proposalId));
  const navigate = useNavigate();
  const toast = useToast();
  const edit = useVersionedEdit<ProposalSummary, ProposalPatchBody>({
    family: { root: "proposals", one: "proposal", many: "proposals" },
    send: async (id, json) => {
      const { proposal } = await call(api.proposals[":id"].$patch({ param: { id: String(id) }, json }));
      if (!proposal) throw new ApiFailure(404, "not_found", "This proposal is no longer there.");
      return proposal;
    },
    labels: proposalFieldLabels,
    onSaved: () => {
      toast("Proposal saved.");
      void navigate({ to: "/proposals/$proposalId", params: { proposalId } });
    },
  });
  const p = detail.data?.proposal;
  const schema = useMemo(
    () =>
      shapedSchema(
        (v: ProposalValues) => ({
          question: v.question,
          description: v.description,
          ...(takesStance(v.kind) ? {} : { options: optionsOf(v) }),
          quorum: v.quorum,
          visibility: v.visibility,
          version: p?.version ?? 1,
        }),
        proposalPatchSchema,
        optionsField,
      ),
    [p?.version],
  );
  if (detail.isLoading) return <SkeletonPage title="Edit proposal" />;
  if (detail.error || !p) return <ErrorMessage error={detail.error} />;
  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/proposals">Proposals</Link> ›{" "}
        <Link to="/proposals/$proposalId" params={{ proposalId }}>
          {p.question}
        </Link>
      </p>
      <h1>Edit proposal</h1>
      {p.state !== "open" ? (
        <p>This proposal has ended, so it can no longer be edited.</p>
      ) : (
        <ProposalForm
          initial={valuesOf(p)}
          schema={schema}
          editing
          submitLabel="Save changes"
          busy={edit.isPending}
          error={edit.error}
          onSubmit={(v) =>
            edit.save(p, {
              question: v.question,
              description: v.description,
              ...(takesStance(p.kind) ? {} : { options: optionsOf(v) }),
              quorum: v.quorum,
              visibility: v.visibility,
            })
          }
          cancel={
            <Link to="/proposals/$proposalId" params={{ proposalId }}>
              Cancel
            </Link>
          }
        />
      )}
      {edit.dialog}
    </>
  );
}

function ProposalForm({
  initial,
  schema,
  editing,
  submitLabel,
  busy,
  error,
  onSubmit,
  cancel,
}: {
  initial: ProposalValues;
  schema: ReturnType<typeof shapedSchema<ProposalValues>>;
  /** Kind and closing time are fixed once the question is put; the closing time moves by "Extend". */
  editing: boolean;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: ProposalValues) => void;
  cancel: React.ReactNode;
}) {
  const { visibilityChoices } = useAccess();
  const form = useAppForm({
    defaultValues: initial,
    validators: { onChange: schema },
    onSubmit: ({ value }) => onSubmit(value),
  });
  const kind = useStore(form.store, (s) => s.values.kind);
  return (
    <form.AppForm>
      <form.Form error={error}>
        <form.AppField name="question">
          {(f) => <f.TextField label="The question" hint="Put it so that organisations can answer it as written" maxLength={300} />}
        </form.AppField>
        <form.AppField name="description">
          {(f) => (
            <f.TextAreaField label="Description (optional)" hint="The background, and what agreeing would commit the group to" rows={5} />
          )}
        </form.AppField>
        {!editing && (
          <form.AppField name="kind">
            {(f) => (
              <f.RadiosField
                label="Kind"
                hint="Consent: agree, abstain, disagree or block. Sense check: the same, without a block."
                options={proposalKinds.map((k) => ({ value: k, label: proposalKindLabels[k] }))}
              />
            )}
          </form.AppField>
        )}
        {!takesStance(kind) && (
          <form.AppField name="optionsText">
            {(f) => (
              <f.TextAreaField
                label={kind === "time" ? "Proposed times" : "Options"}
                hint={kind === "time" ? "One a line, for example: Tue 8 Dec, 10:00" : "One a line; organisations may choose more than one"}
                rows={5}
              />
            )}
          </form.AppField>
        )}
        <div className="field-row">
          {!editing && (
            <form.AppField
              name="closesAt"
              validators={{
                // The API refuses a closing time already past; say so before sending.
                onChange: ({ value }) => (value && Date.parse(value) <= Date.now() ? "Enter a closing time in the future" : undefined),
              }}
            >
              {(f) => <f.DateTimeField label="Closing time" hint="Positions can be given or changed until then" />}
            </form.AppField>
          )}
          <form.AppField name="quorum">
            {(f) => <f.NumberField label="Quorum" hint="How many organisations must give a position" whole />}
          </form.AppField>
          <form.AppField name="visibility">{(f) => <f.VisibilityField choices={visibilityChoices} />}</form.AppField>
        </div>
        {!editing && (
          <fieldset className="field-group">
            <legend>What it is about (optional)</legend>
            <LinkFields form={form} initial={initial} />
          </fieldset>
        )}
        <form.Actions label={submitLabel} busy={busy}>
          {cancel}
        </form.Actions>
      </form.Form>
    </form.AppForm>
  );
}

/** Meetings from this long ago still count as recent: a proposal may follow up what one agreed. */
const RECENT_DAYS = 92;

/**
 * The three optional links. A record the form was started from is offered even where the lists
 * leave it out (a closed alert, a goal of another cycle, an older meeting).
 */
const LinkFields = withForm({
  defaultValues: valuesOf(),
  props: {} as { initial: Links },
  render: function LinkFieldsRender({ form, initial }) {
    const { cycle } = useCycleChoice();
    const alerts = useQuery(alertsQuery("open"));
    const meetings = useQuery(meetingsQuery());
    const goals = useQuery({ ...goalsQuery({ cycleId: cycle?.id }), enabled: cycle !== undefined });
    const startAlert = useQuery({ ...alertQuery(initial.alertId ?? 0), enabled: initial.alertId !== null });
    const startMeeting = useQuery({ ...meetingQuery(initial.meetingId ?? 0), enabled: initial.meetingId !== null });
    const startGoal = useQuery({ ...goalQuery(initial.goalId ?? 0), enabled: initial.goalId !== null });
    const since = addDays(new Date(), -RECENT_DAYS).toISOString();
    const withStart = <R extends { id: number; name: string }>(list: R[], start: { id: number; name: string } | undefined) =>
      start && !list.some((r) => r.id === start.id) ? [start, ...list] : list;
    const alertChoices = withStart(
      (alerts.data?.alerts ?? []).map((a) => ({ id: a.id, name: a.title })),
      startAlert.data && { id: startAlert.data.alert.id, name: startAlert.data.alert.title },
    );
    const meetingName = (m: { title: string; startsAt: string }) => `${m.title} (${formatCompactDate(m.startsAt)})`;
    const meetingChoices = withStart(
      (meetings.data?.meetings ?? []).filter((m) => m.startsAt >= since).map((m) => ({ id: m.id, name: meetingName(m) })),
      startMeeting.data && { id: startMeeting.data.meeting.id, name: meetingName(startMeeting.data.meeting) },
    );
    const goalChoices = withStart(
      (goals.data?.goals ?? []).map((g) => ({ id: g.id, name: g.title })),
      startGoal.data && { id: startGoal.data.goal.id, name: startGoal.data.goal.title },
    );
    // One under another: meeting names carry their date and goal titles run long.
    return (
      <>
        <form.AppField name="alertId">
          {(f) => <f.RecordField label="Alert" hint="An open alert this answers" records={alertChoices} none="None" />}
        </form.AppField>
        <form.AppField name="meetingId">
          {(f) => <f.RecordField label="Meeting" hint="The meeting whose agenda it belongs to" records={meetingChoices} none="None" />}
        </form.AppField>
        <form.AppField name="goalId">
          {(f) => (
            <f.RecordField
              label="Goal"
              hint={`A goal in the ${cycle ? cycleWords(cycle.name) : "chosen cycle"}`}
              records={goalChoices}
              none="None"
            />
          )}
        </form.AppField>
      </>
    );
  },
});
