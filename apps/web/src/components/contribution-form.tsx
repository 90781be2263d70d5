/**
 * Logging or editing a contribution, validated as you type with the same schema the API uses.
 * A member's organisation is fixed to their own; the convenor chooses any organisation.
 */
import {
  type ContributionKind,
  contributionInputSchema,
  contributionKindLabels,
  contributionKinds,
  type Visibility,
  visibilityLabels,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useAccess } from "../access.ts";
import { api, type ContributionPatchBody, type ContributionRecord, call } from "../api.ts";
import { useCycleChoice } from "../cycle-choice.ts";
import { formatCompactDate, todayIso } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { stillInGroup } from "../organisation-choices.ts";
import { goalsQuery, meetingsQuery, milestonesQuery, organisationsQuery } from "../queries.ts";
import { useVersionedEdit } from "../versioned-edit.tsx";
import { useToast } from "./toast.tsx";

interface ContributionValues {
  /** Null until the convenor chooses one, so the schema asks for it. */
  organisationId: number | null;
  kind: ContributionKind | null;
  date: string;
  description: string;
  hours: number | null;
  goalId: number | null;
  milestoneId: number | null;
  meetingId: number | null;
  visibility: Visibility;
}

// The form holds "not chosen yet" as null, which the schema refuses in its own words.
const contributionFormSchema = shapedSchema((v: ContributionValues) => v, contributionInputSchema);

const labels = {
  organisationId: "Organisation",
  kind: "What was done",
  date: "Date",
  description: "Description",
  hours: "Hours",
  goalId: "Goal",
  milestoneId: "Milestone",
  meetingId: "Meeting",
  visibility: "Visible to",
} as const;

export function ContributionForm({ contribution, onDone }: { contribution: ContributionRecord | null; onDone: () => void }) {
  const { user, isConvenor, visibilityChoices } = useAccess();
  const orgs = useQuery(organisationsQuery);
  const { cycle } = useCycleChoice();
  const goals = useQuery({ ...goalsQuery({ cycleId: cycle?.id }), enabled: cycle !== undefined });
  const milestones = useQuery(milestonesQuery({ order: "desc" }));
  const meetings = useQuery(meetingsQuery({}));
  const queryClient = useQueryClient();
  const toast = useToast();

  const create = useMutation({
    mutationFn: (json: Parameters<typeof api.contributions.$post>[0]["json"]) => call(api.contributions.$post({ json })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["contributions"] });
      toast("Contribution logged.");
      onDone();
    },
  });
  const edit = useVersionedEdit<ContributionRecord, ContributionPatchBody>({
    // The list answer carries its charts too, which an edit can change: read the family again.
    family: { root: "contributions", one: "contribution", many: "contributions", refetch: true },
    send: (id, json) => call(api.contributions[":id"].$patch({ param: { id: String(id) }, json })).then((r) => r.contribution),
    labels,
    show: (field, value) => {
      if (value === null || value === undefined || value === "") return undefined;
      if (field === "kind") return contributionKindLabels[value as ContributionKind];
      if (field === "visibility") return visibilityLabels[value as Visibility];
      if (field === "date") return formatCompactDate(String(value));
      if (field === "organisationId") return orgs.data?.organisations.find((o) => o.id === value)?.name;
      return undefined;
    },
    onSaved: (saved, before) => {
      if (saved !== before) toast("Contribution saved.");
      onDone();
    },
  });

  const form = useAppForm({
    defaultValues: {
      organisationId: contribution?.organisationId ?? (isConvenor ? null : (user?.organisationId ?? null)),
      kind: contribution?.kind ?? null,
      date: contribution?.date ?? todayIso(),
      description: contribution?.description ?? "",
      hours: contribution?.hours ?? null,
      goalId: contribution?.goalId ?? null,
      milestoneId: contribution?.milestoneId ?? null,
      meetingId: contribution?.meetingId ?? null,
      visibility: contribution?.visibility ?? "members",
    } as ContributionValues,
    validators: { onChange: contributionFormSchema },
    onSubmit: ({ value }) => {
      const input = contributionInputSchema.parse(value);
      if (contribution) edit.save(contribution, input);
      else create.mutate(input);
    },
  });

  const goalChoices = [
    ...(goals.data?.goals ?? []).map((g) => ({ id: g.id, name: g.title })),
    // A contribution towards a goal of another cycle keeps it as a choice.
    ...(contribution?.goalId && !goals.data?.goals.some((g) => g.id === contribution.goalId)
      ? [{ id: contribution.goalId, name: contribution.goalTitle ?? `Goal ${contribution.goalId}` }]
      : []),
  ];

  return (
    <form.AppForm>
      <form.Form idPrefix="contribution" error={contribution ? edit.error : create.error}>
        {isConvenor ? (
          <form.AppField name="organisationId">
            {(f) => <f.RecordField label="Organisation" records={stillInGroup(orgs.data?.organisations, [contribution?.organisationId])} />}
          </form.AppField>
        ) : (
          <p className="field">
            <span className="label">Organisation</span>{" "}
            {user?.organisation?.name ?? "Your account is not linked to an organisation: ask the convenor."}
          </p>
        )}
        <form.AppField name="kind">
          {(f) => (
            <f.ChoiceField
              label={isConvenor ? "What the organisation did" : "What your organisation did"}
              options={contributionKinds}
              labels={contributionKindLabels}
              none="Choose a kind"
            />
          )}
        </form.AppField>
        <form.AppField name="date">{(f) => <f.DateField label="Date" />}</form.AppField>
        <form.AppField name="description">
          {(f) => <f.TextAreaField label="Description" hint="What was done, in a sentence or two" rows={3} />}
        </form.AppField>
        <form.AppField name="hours">
          {(f) => <f.NumberField label="Hours (optional)" hint="Roughly how long it took" optional />}
        </form.AppField>
        <form.AppField name="goalId">
          {(f) => <f.RecordField label="Towards a goal (optional)" records={goalChoices} none="No goal" />}
        </form.AppField>
        <form.AppField name="milestoneId">
          {(f) => (
            <f.RecordField
              label="For a milestone (optional)"
              records={milestones.data?.milestones.map((m) => ({ id: m.id, name: m.title }))}
              none="No milestone"
            />
          )}
        </form.AppField>
        <form.AppField name="meetingId">
          {(f) => (
            <f.RecordField
              label="At a meeting (optional)"
              records={meetings.data?.meetings.map((m) => ({ id: m.id, name: `${m.title} (${formatCompactDate(m.startsAt)})` }))}
              none="No meeting"
            />
          )}
        </form.AppField>
        <form.AppField name="visibility">{(f) => <f.VisibilityField choices={visibilityChoices} />}</form.AppField>
        <form.Actions
          label={contribution ? "Save changes" : "Log contribution"}
          busy={create.isPending || edit.isPending}
          onCancel={onDone}
        />
      </form.Form>
      {edit.dialog}
    </form.AppForm>
  );
}
