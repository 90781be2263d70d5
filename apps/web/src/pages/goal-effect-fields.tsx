/**
 * What a decision does to a goal — nothing, a new goal, or a change to one — as the meeting's
 * decision form and a proposal's outcome form both ask it. One set of fields, one shaping into
 * what the API takes and one validator, so both forms follow the same rules (the API's own
 * `decisionEffectSchema`, inside the meeting's or the outcome's schema). Both forms hold the same
 * values: the decision's words in `text`, then every field any action may take.
 */
import { type DecisionEffect, type GoalStatus, goalStatuses, goalStatusLabels } from "@convene/domain";
import { useStore } from "@tanstack/react-form";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import type { z } from "zod";
import { ApiFailure } from "../api.ts";
import { useCycleChoice } from "../cycle-choice.ts";
import { withForm } from "../forms/form-kit.tsx";
import { type IssuePath, shapedSchema } from "../forms/shaped-schema.ts";
import { cyclesQuery, goalsQuery, organisationsQuery, themesQuery } from "../queries.ts";

export type GoalEffectAction = DecisionEffect["action"];

/** What the form holds: every field any action may take; the action decides which are sent. */
export interface GoalEffectValues {
  action: GoalEffectAction;
  /** The decision in words: a meeting's decision, or a proposal's outcome. */
  text: string;
  cycleId: number | null;
  title: string;
  themeId: number | null;
  leadOrganisationId: number | null;
  goalId: number | null;
  status: GoalStatus | null;
  dueDate: string | null;
}

export const emptyGoalEffect = (cycleId: number | null, start: { text?: string; goalId?: number | null } = {}): GoalEffectValues => ({
  action: "none",
  text: start.text ?? "",
  cycleId,
  title: "",
  themeId: null,
  leadOrganisationId: null,
  goalId: start.goalId ?? null,
  status: null,
  dueDate: null,
});

export const goalEffectChoices = [
  { value: "none", label: "No, just record the decision" },
  { value: "create_goal", label: "Yes: create a goal" },
  { value: "change_goal", label: "Yes: change a goal" },
] as const satisfies readonly { value: GoalEffectAction; label: string }[];

/** The goals of the cycle on screen, with their versions: read when the form is sent, since they load after it starts. */
export interface GoalVersions {
  current: readonly { id: number; version: number }[];
}
export const useGoalVersions = (): GoalVersions => useRef<readonly { id: number; version: number }[]>([]);
const versionOf = (goals: GoalVersions, id: number) => goals.current.find((g) => g.id === id)?.version;

/** The effect as the API takes it, apart from the words. */
export function goalEffectOf(v: GoalEffectValues, goals: GoalVersions) {
  if (v.action === "none") return { action: v.action };
  if (v.action === "create_goal") {
    const { cycleId, title, themeId, leadOrganisationId, dueDate } = v;
    return { action: v.action, goal: { cycleId, title, themeId, leadOrganisationId, dueDate } };
  }
  return {
    action: v.action,
    goalId: v.goalId,
    goalVersion: v.goalId === null ? 1 : (versionOf(goals, v.goalId) ?? 1),
    ...(v.status ? { status: v.status } : {}),
    ...(v.dueDate ? { dueDate: v.dueDate } : {}),
  };
}

/**
 * The API's schema on the shaped values. `effectAt` is where the effect sits in what is sent
 * (nowhere for a meeting's decision, `decision` for an outcome) and `textAt` what the words are
 * called there; "goal.title" is the form's "title". A goal or cycle not chosen yet is said here in
 * plain words; the API could only call it a missing number.
 */
export function goalEffectSchema(
  shape: (v: GoalEffectValues) => unknown,
  schema: z.ZodType,
  { effectAt, textAt }: { effectAt: string | null; textAt: string },
) {
  const fieldOf = (issue: IssuePath, v: GoalEffectValues): IssuePath | null => {
    if (issue[0] === textAt) return ["text", ...issue.slice(1)];
    const path = effectAt === null ? issue : issue[0] === effectAt ? issue.slice(1) : null;
    if (!path) return issue;
    if (path[0] === "goal") return path[1] === "cycleId" && v.cycleId === null ? null : path.slice(1);
    if (path[0] === "goalId" && v.goalId === null) return null;
    return path;
  };
  return shapedSchema(shape, schema, fieldOf).superRefine((v, ctx) => {
    if (v.action === "change_goal" && v.goalId === null)
      ctx.addIssue({ code: "custom", path: ["goalId"], message: "Choose the goal this decision changes" });
    if (v.action === "create_goal" && v.cycleId === null)
      ctx.addIssue({ code: "custom", path: ["cycleId"], message: "Choose the cycle the goal belongs to" });
  });
}

/** The open cycles, and the one a new or changed goal starts in: the first of `preferred` that is open, else the chosen cycle, else the first open. */
export function useGoalEffectCycles(preferred: readonly (number | null | undefined)[]) {
  const cycles = useQuery(cyclesQuery);
  const { cycle: chosen } = useCycleChoice();
  const openCycles = useMemo(() => (cycles.data?.cycles ?? []).filter((c) => c.state === "open"), [cycles.data]);
  const defaultCycle =
    [...preferred, chosen?.id].map((id) => openCycles.find((c) => c.id === id)).find((c) => c !== undefined) ?? openCycles[0];
  return { openCycles, defaultCycleId: defaultCycle?.id };
}

/**
 * A 409 on the goal's version (someone changed the goal since it was chosen, answered with the
 * goal as it is now) is said in words: choose it again. Other refusals (a closed cycle) keep
 * their own message. A form with a version of its own tells that conflict apart first.
 */
export function goalConflictWords(error: unknown): unknown {
  if (error instanceof ApiFailure && error.status === 409 && error.code === "conflict" && error.details?.current)
    return "That goal was changed since this page loaded. Choose it again to use its latest version.";
  return error;
}

/** The fields after the words: "Does it affect a goal?", then the cycle and the new goal's or the change's fields. */
export const GoalEffectFields = withForm({
  defaultValues: emptyGoalEffect(null),
  props: {} as {
    /** "this meeting", "this proposal": whose visibility a created goal takes. */
    visibleLike: string;
    visibilityWords: string;
    defaultCycleId: number | undefined;
    goals: GoalVersions;
  },
  render: function GoalEffectFieldsRender({ form, visibleLike, visibilityWords, defaultCycleId, goals }) {
    const { openCycles } = useGoalEffectCycles([defaultCycleId]);
    const themes = useQuery(themesQuery);
    const orgs = useQuery(organisationsQuery);
    // The cycles may arrive after the form starts: the default cycle is filled in once they do.
    useEffect(() => {
      if (defaultCycleId !== undefined && form.getFieldValue("cycleId") === null) form.setFieldValue("cycleId", defaultCycleId);
    }, [form, defaultCycleId]);
    const action = useStore(form.store, (s) => s.values.action);
    const cycleId = useStore(form.store, (s) => s.values.cycleId) ?? defaultCycleId;
    const list = useQuery({ ...goalsQuery({ cycleId }), enabled: action === "change_goal" && cycleId !== undefined });
    goals.current = list.data?.goals ?? [];
    return (
      <>
        <form.AppField name="action">{(f) => <f.RadiosField label="Does it affect a goal?" options={goalEffectChoices} />}</form.AppField>
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
              The goal is visible to the same people as {visibleLike} ({visibilityWords}).
            </p>
          </div>
        )}
        {action === "change_goal" && (
          <div className="field-row">
            <form.AppField name="goalId">
              {(f) => (
                <f.RecordField label="Goal" records={list.data?.goals.map((g) => ({ id: g.id, name: g.title }))} none="Choose a goal" />
              )}
            </form.AppField>
            <form.AppField name="status">
              {(f) => <f.ChoiceField label="New status" options={goalStatuses} labels={goalStatusLabels} none="Unchanged" />}
            </form.AppField>
            <form.AppField name="dueDate">{(f) => <f.DateField label="New due date" optional />}</form.AppField>
          </div>
        )}
      </>
    );
  },
});
