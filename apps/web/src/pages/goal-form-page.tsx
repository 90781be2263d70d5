/** Creating and editing a goal, validated as you type with the schema the API uses. */
import { type GoalStatus, goalInputSchema, goalStatuses, goalStatusLabels, type Visibility } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { api, call, type GoalSummary } from "../api.ts";
import { ConflictDialog } from "../components/conflict-dialog.tsx";
import { Field } from "../components/field.tsx";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityField } from "../components/visibility-field.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { apiFieldErrors, zodFieldErrors } from "../form-errors.ts";
import { useGoalEdit } from "../goal-edits.ts";
import { goalQuery, organisationsQuery, themesQuery } from "../queries.ts";

interface Draft {
  title: string;
  description: string;
  themeId: string;
  leadOrganisationId: string;
  supportingOrganisationIds: number[];
  status: GoalStatus;
  dueDate: string;
  visibility: Visibility;
}

function draftOf(g?: GoalSummary): Draft {
  return {
    title: g?.title ?? "",
    description: g?.description ?? "",
    themeId: g?.themeId ? String(g.themeId) : "",
    leadOrganisationId: g?.leadOrganisationId ? String(g.leadOrganisationId) : "",
    supportingOrganisationIds: g?.supportingOrganisationIds ?? [],
    status: g?.status ?? "not_started",
    dueDate: g?.dueDate ?? "",
    visibility: g?.visibility ?? "members",
  };
}

function fieldsOf(d: Draft) {
  return {
    title: d.title,
    description: d.description,
    themeId: d.themeId ? Number(d.themeId) : null,
    leadOrganisationId: d.leadOrganisationId ? Number(d.leadOrganisationId) : null,
    supportingOrganisationIds: d.supportingOrganisationIds,
    status: d.status,
    dueDate: d.dueDate || null,
    visibility: d.visibility,
  };
}

export function NewGoalPage() {
  const { cycle } = useCycleChoice();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation({
    mutationFn: (json: Parameters<typeof api.goals.$post>[0]["json"]) => call(api.goals.$post({ json })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast("Goal created. Add its measures so its progress can be followed.");
      void navigate({ to: "/goals/$goalId", params: { goalId: res.goal.id } });
    },
  });
  if (!cycle) return <SkeletonPage title="New goal" />;
  return (
    <>
      <h1>
        New goal <span className="subtitle">Cycle: {cycle.name}</span>
      </h1>
      <GoalForm
        initial={draftOf()}
        submitLabel="Create goal"
        busy={create.isPending}
        error={create.error}
        onSubmit={(d) => create.mutate({ cycleId: cycle.id, ...fieldsOf(d) })}
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
        initial={draftOf(g)}
        submitLabel="Save changes"
        busy={edit.mutation.isPending}
        error={edit.conflict ? null : edit.mutation.error}
        onSubmit={(d) => {
          const before = fieldsOf(draftOf(g));
          const after = fieldsOf(d);
          // Send only what changed, so a conflict shows just the fields this person touched.
          const changed = Object.fromEntries(
            Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before])),
          );
          edit.save({ id: g.id, patch: { ...changed, version: g.version } });
        }}
        cancel={
          <Link to="/goals/$goalId" params={{ goalId }}>
            Cancel
          </Link>
        }
      />
      <ConflictDialog conflict={edit.conflict} onClose={edit.closeConflict} />
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
  initial: Draft;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (d: Draft) => void;
  cancel: React.ReactNode;
}) {
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const themes = useQuery(themesQuery);
  const orgs = useQuery(organisationsQuery);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const touch = (f: string) => setTouched((t) => new Set(t).add(f));

  const parsed = goalInputSchema.safeParse({ cycleId: 1, ...fieldsOf(draft) });
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
      <Field
        id="description"
        label="Description (optional)"
        hint="What the group committed to, and how it will know"
        error={errorFor("description")}
      >
        {(p) => <textarea {...p} rows={4} value={draft.description} onChange={(e) => set({ description: e.target.value })} />}
      </Field>
      <div className="field-row">
        <Field id="themeId" label="Theme" error={errorFor("themeId")}>
          {(p) => (
            <select {...p} value={draft.themeId} onChange={(e) => set({ themeId: e.target.value })}>
              <option value="">No theme</option>
              {themes.data?.themes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="status" label="Status" error={errorFor("status")}>
          {(p) => (
            <select {...p} value={draft.status} onChange={(e) => set({ status: e.target.value as GoalStatus })}>
              {goalStatuses.map((s) => (
                <option key={s} value={s}>
                  {goalStatusLabels[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="dueDate" label="Due date (optional)" error={errorFor("dueDate")}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.dueDate}
              onChange={(e) => set({ dueDate: e.target.value })}
              onBlur={() => touch("dueDate")}
            />
          )}
        </Field>
        <VisibilityField
          value={draft.visibility}
          onChange={(visibility) => set({ visibility })}
          error={errorFor("visibility")}
          hint="Public goals may appear in public exports"
        />
      </div>
      <Field id="leadOrganisationId" label="Lead organisation" error={errorFor("leadOrganisationId")}>
        {(p) => (
          <select
            {...p}
            value={draft.leadOrganisationId}
            onChange={(e) => {
              touch("supportingOrganisationIds");
              set({ leadOrganisationId: e.target.value });
            }}
          >
            <option value="">No lead yet</option>
            {orgs.data?.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className={`field-group ${errorFor("supportingOrganisationIds") ? "has-error" : ""}`} aria-describedby="supporting-error">
        <legend>Supporting organisations</legend>
        <div className="checkbox-grid">
          {orgs.data?.organisations.map((o) => (
            <label key={o.id} className="checkbox">
              <input
                type="checkbox"
                checked={draft.supportingOrganisationIds.includes(o.id)}
                onChange={(e) => {
                  touch("supportingOrganisationIds");
                  set({
                    supportingOrganisationIds: e.target.checked
                      ? [...draft.supportingOrganisationIds, o.id]
                      : draft.supportingOrganisationIds.filter((id) => id !== o.id),
                  });
                }}
              />{" "}
              {o.name}
            </label>
          ))}
        </div>
        {errorFor("supportingOrganisationIds") && (
          <p className="field-error" id="supporting-error">
            {errorFor("supportingOrganisationIds")}
          </p>
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        {cancel}
      </div>
    </form>
  );
}
