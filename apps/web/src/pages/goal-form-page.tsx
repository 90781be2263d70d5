/** Creating and editing a goal, validated as you type with the schema the API uses. */
import { type GoalStatus, goalInputSchema, goalStatuses, goalStatusLabels, type Visibility, visibilityLabels } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import type { z } from "zod";
import { api, call, type GoalPatchBody, type GoalSummary } from "../api.ts";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { useCreate } from "../create-record.ts";
import { useCycleChoice } from "../cycle-choice.ts";
import { formatDate } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { stillInGroup } from "../organisation-choices.ts";
import { goalQuery, organisationsQuery, themesQuery } from "../queries.ts";
import { useVersionedEdit } from "../versioned-edit.tsx";

type GoalValues = z.input<typeof goalInputSchema>;

function valuesOf(cycleId: number, g?: GoalSummary): GoalValues {
  return {
    cycleId,
    title: g?.title ?? "",
    description: g?.description ?? "",
    themeId: g?.themeId ?? null,
    leadOrganisationId: g?.leadOrganisationId ?? null,
    supportingOrganisationIds: g?.supportingOrganisationIds ?? [],
    status: g?.status ?? "not_started",
    dueDate: g?.dueDate ?? null,
    visibility: g?.visibility ?? "members",
  };
}

/** The goal's own words for the conflict dialog, so both versions read as the goal page does. */
export const goalFieldLabels = {
  title: "Title",
  description: "Description",
  status: "Status",
  dueDate: "Due date",
  visibility: "Visible to",
  themeId: "Theme",
  leadOrganisationId: "Lead organisation",
  supportingOrganisationIds: "Supporting organisations",
} as const;

export function showGoalField(field: string, value: unknown): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  if (field === "status") return goalStatusLabels[value as GoalStatus];
  if (field === "visibility") return visibilityLabels[value as Visibility];
  if (field === "dueDate") return formatDate(String(value));
  return undefined;
}

/** One goal PATCH: the changed fields and their version, the saved goal stored in the cache. */
export function useGoalEdit(onSaved?: (goal: GoalSummary, before: GoalSummary) => void) {
  return useVersionedEdit<GoalSummary, GoalPatchBody>({
    family: { root: "goals", one: "goal", many: "goals" },
    send: (id, json) => call(api.goals[":id"].$patch({ param: { id: String(id) }, json })).then((r) => r.goal),
    labels: goalFieldLabels,
    show: showGoalField,
    ...(onSaved ? { onSaved } : {}),
  });
}

export function NewGoalPage() {
  const { cycle } = useCycleChoice();
  const create = useCreate({
    send: (json: Parameters<typeof api.goals.$post>[0]["json"]) => call(api.goals.$post({ json })),
    root: "goals",
    saved: "Goal created. Add its measures so its progress can be followed.",
    open: ({ goal }) => ({ to: "/goals/$goalId", params: { goalId: goal.id } }),
  });
  if (!cycle) return <SkeletonPage title="New goal" />;
  return (
    <>
      <h1>
        New goal <span className="subtitle">Cycle: {cycle.name}</span>
      </h1>
      <GoalForm
        initial={valuesOf(cycle.id)}
        submitLabel="Create goal"
        busy={create.isPending}
        error={create.error}
        onSubmit={(values) => create.mutate(goalInputSchema.parse(values))}
        cancel={<Link to="/goals">Cancel</Link>}
      />
    </>
  );
}

export function EditGoalPage() {
  const { goalId } = useParams({ from: "/app/goals/$goalId/edit" });
  const goal = useQuery(goalQuery(goalId));
  const navigate = useNavigate();
  const toast = useToast();
  const edit = useGoalEdit(() => {
    toast("Goal saved.");
    void navigate({ to: "/goals/$goalId", params: { goalId } });
  });
  if (goal.isLoading) return <SkeletonPage title="Edit goal" />;
  if (goal.error || !goal.data) return <ErrorMessage error={goal.error} />;
  const g = goal.data.goal;
  return (
    <>
      <h1>Edit goal</h1>
      <GoalForm
        initial={valuesOf(g.cycleId, g)}
        submitLabel="Save changes"
        busy={edit.isPending}
        error={edit.error}
        onSubmit={({ cycleId: _sameCycle, ...values }) => edit.save(g, goalInputSchema.parse({ cycleId: g.cycleId, ...values }))}
        cancel={
          <Link to="/goals/$goalId" params={{ goalId }}>
            Cancel
          </Link>
        }
      />
      {edit.dialog}
    </>
  );
}

function GoalForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  cancel,
}: {
  initial: GoalValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: GoalValues) => void;
  cancel: React.ReactNode;
}) {
  const themes = useQuery(themesQuery);
  const orgs = useQuery(organisationsQuery);
  // A goal being edited keeps the organisations it names, even one that has left since.
  const chosen = stillInGroup(orgs.data?.organisations, [initial.leadOrganisationId, ...(initial.supportingOrganisationIds ?? [])]);
  const form = useAppForm({
    defaultValues: initial,
    validators: { onChange: goalInputSchema },
    onSubmit: ({ value }) => onSubmit(value),
  });

  return (
    <form.AppForm>
      <form.Form error={error}>
        <form.AppField name="title">{(f) => <f.TextField label="Title" maxLength={300} />}</form.AppField>
        <form.AppField name="description">
          {(f) => (
            <f.TextAreaField
              label="Description (optional)"
              hint="What the group committed to, and how it will know. Markdown: *italic*, **bold**, lists with 1. or -, links as [words](https://…)"
            />
          )}
        </form.AppField>
        <div className="field-row">
          <form.AppField name="themeId">
            {(f) => <f.RecordField label="Theme" records={themes.data?.themes} none="No theme" />}
          </form.AppField>
          <form.AppField name="status">
            {(f) => <f.ChoiceField label="Status" options={goalStatuses} labels={goalStatusLabels} />}
          </form.AppField>
          <form.AppField name="dueDate">{(f) => <f.DateField label="Due date (optional)" optional />}</form.AppField>
          <form.AppField name="visibility">{(f) => <f.VisibilityField hint="Public goals may appear in public exports" />}</form.AppField>
        </div>
        <form.AppField
          name="leadOrganisationId"
          // Choosing a lead re-checks the supporting list: the lead cannot also support.
          listeners={{ onChange: () => form.validateField("supportingOrganisationIds", "change") }}
        >
          {(f) => <f.RecordField label="Lead organisation" records={chosen} none="No lead yet" />}
        </form.AppField>
        <form.AppField name="supportingOrganisationIds">
          {(f) => <f.CheckboxesField label="Supporting organisations" records={chosen} />}
        </form.AppField>
        <form.Actions label={submitLabel} busy={busy}>
          {cancel}
        </form.Actions>
      </form.Form>
    </form.AppForm>
  );
}
