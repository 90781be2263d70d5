/** Saving a goal edit with its version, and turning a 409 into a side-by-side choice. */
import { type GoalPatch, type GoalStatus, goalStatusLabels, type Visibility, visibilityLabels } from "@convene/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiFailure, api, call, type GoalSummary } from "./api.ts";
import type { Conflict } from "./components/conflict-dialog.tsx";
import { formatDate } from "./format.ts";

const labels: Partial<Record<keyof GoalPatch, string>> = {
  title: "Title",
  description: "Description",
  status: "Status",
  dueDate: "Due date",
  visibility: "Visible to",
  themeId: "Theme",
  leadOrganisationId: "Lead organisation",
  supportingOrganisationIds: "Supporting organisations",
};

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "status") return goalStatusLabels[value as GoalStatus];
  if (field === "visibility") return visibilityLabels[value as Visibility];
  if (field === "dueDate") return formatDate(String(value));
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  return String(value);
}

export function useGoalEdit(onSaved?: (goal: GoalSummary) => void) {
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const mutation = useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: GoalPatch }) =>
      call(api.goals[":id"].$patch({ param: { id: String(id) }, json: patch })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      onSaved?.(res.goal as GoalSummary);
    },
    onError: (err, { id, patch }) => {
      if (!(err instanceof ApiFailure) || err.status !== 409 || !err.details?.current) return;
      const current = err.details.current as GoalSummary;
      const { version: _v, ...fields } = patch;
      setConflict({
        differences: Object.entries(fields).map(([k, mine]) => ({
          field: labels[k as keyof GoalPatch] ?? k,
          mine: show(k, mine),
          theirs: show(k, (current as Record<string, unknown>)[k]),
        })),
        keepTheirs: () => {
          setConflict(null);
          mutation.reset();
          void queryClient.invalidateQueries({ queryKey: ["goals"] });
        },
        useMine: () => {
          setConflict(null);
          mutation.mutate({ id, patch: { ...patch, version: current.version } });
        },
      });
    },
  });
  return { save: mutation.mutate, saveAsync: mutation.mutateAsync, mutation, conflict, closeConflict: () => setConflict(null) };
}
