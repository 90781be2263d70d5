/**
 * Creating and editing a road map item (the keyboard and phone way to change its dates too),
 * validated as you type with the schema the API uses. A stale save shows both versions.
 */
import {
  type RoadmapStatus,
  roadmapItemInputSchema,
  roadmapStatuses,
  roadmapStatusLabels,
  type Visibility,
  visibilityLabels,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import type { z } from "zod";
import { api, call, type RoadmapItem, type RoadmapPatchBody } from "../api.ts";
import { formatDate } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { goalsQuery } from "../queries.ts";
import { useVersionedEdit } from "../versioned-edit.tsx";

type ItemValues = z.input<typeof roadmapItemInputSchema>;

function valuesOf(i?: RoadmapItem): ItemValues {
  return {
    title: i?.title ?? "",
    description: i?.description ?? "",
    workstream: i?.workstream ?? "",
    startDate: i?.startDate ?? "",
    endDate: i?.endDate ?? "",
    status: i?.status ?? "planned",
    percentComplete: i?.percentComplete ?? 0,
    goalId: i?.goalId ?? null,
    followGoalProgress: i?.followGoalProgress ?? false,
    dependsOn: i?.dependsOn ?? [],
    visibility: i?.visibility ?? "members",
  };
}

const itemFieldLabels = {
  title: "Title",
  description: "Description",
  workstream: "Workstream",
  startDate: "Start",
  endDate: "End",
  status: "Status",
  percentComplete: "% complete",
  goalId: "Linked goal",
  followGoalProgress: "Follow the goal's progress",
  dependsOn: "Depends on",
  visibility: "Visible to",
} as const;

/** One road map item PATCH: the changed fields and their version, the saved item stored in the cache. */
export function useRoadmapItemEdit(items: RoadmapItem[], onFailed?: (error: Error) => void) {
  return useVersionedEdit<RoadmapItem, RoadmapPatchBody>({
    family: { root: "roadmap", one: "item", many: "items" },
    send: (id, json) => call(api.roadmap[":id"].$patch({ param: { id: String(id) }, json })).then((r) => r.item),
    labels: itemFieldLabels,
    show: (k, v) => show(k, v, items),
    ...(onFailed ? { onFailed } : {}),
  });
}

export function RoadmapItemForm({
  item,
  items,
  workstreams,
  onDone,
  onCancel,
  onDelete,
}: {
  item?: RoadmapItem | undefined;
  items: RoadmapItem[];
  workstreams: string[];
  onDone: (message: string) => void;
  onCancel: () => void;
  onDelete?: (() => void) | undefined;
}) {
  const goals = useQuery(goalsQuery({}));
  const queryClient = useQueryClient();
  const listId = useId();
  const others = items.filter((i) => i.id !== item?.id);
  const create = useMutation({
    mutationFn: (json: Parameters<typeof api.roadmap.$post>[0]["json"]) => call(api.roadmap.$post({ json })),
    onSuccess: (_res, json) => {
      void queryClient.invalidateQueries({ queryKey: ["roadmap"] });
      onDone(`Added “${json.title.trim()}” to the road map.`);
    },
  });
  const edit = useRoadmapItemEdit(items);
  const form = useAppForm({
    defaultValues: valuesOf(item),
    validators: { onChange: roadmapItemInputSchema },
    onSubmit: ({ value }) => {
      const parsed = roadmapItemInputSchema.parse(value);
      if (!item) return create.mutate(parsed);
      edit.save(item, parsed, {
        onDone: (saved) => onDone(saved === item ? "Nothing had changed." : `Saved “${parsed.title}”.`),
      });
    },
  });

  return (
    <form.AppForm>
      <form.Form className="form roadmap-form" error={item ? edit.error : create.error}>
        <form.AppField name="title">{(f) => <f.TextField label="Title" maxLength={300} />}</form.AppField>
        <form.AppField name="workstream">
          {(f) => (
            <f.TextField
              label="Workstream"
              hint="For example Parliament or Government; items share a lane by workstream"
              maxLength={100}
              list={listId}
            />
          )}
        </form.AppField>
        <datalist id={listId}>
          {workstreams.map((w) => (
            <option key={w} value={w} />
          ))}
        </datalist>
        <div className="field-row">
          <form.AppField name="startDate" listeners={{ onChange: () => form.validateField("endDate", "change") }}>
            {(f) => <f.DateField label="Start" />}
          </form.AppField>
          <form.AppField name="endDate">{(f) => <f.DateField label="End" />}</form.AppField>
          <form.AppField name="status">
            {(f) => <f.ChoiceField label="Status" options={roadmapStatuses} labels={roadmapStatusLabels} />}
          </form.AppField>
          <form.AppField name="percentComplete">{(f) => <f.NumberField label="% complete" hint="0 to 100" whole />}</form.AppField>
        </div>
        <form.AppField name="description">{(f) => <f.TextAreaField label="Description (optional)" rows={3} />}</form.AppField>
        <div className="field-row">
          <form.AppField
            name="goalId"
            // Without a linked goal there is no progress to follow.
            listeners={{ onChange: ({ value }) => value === null && form.setFieldValue("followGoalProgress", false) }}
          >
            {(f) => (
              <f.RecordField
                label="Linked goal (optional)"
                records={goals.data?.goals.map((g) => ({ id: g.id, name: `${g.title} (${g.cycleName})` }))}
                none="No linked goal"
              />
            )}
          </form.AppField>
          <form.AppField name="visibility">{(f) => <f.VisibilityField />}</form.AppField>
        </div>
        <form.Subscribe selector={(s) => s.values.goalId == null}>
          {(noGoal) => (
            <form.AppField name="followGoalProgress">
              {(f) => <f.CheckboxField label="Follow the linked goal: show its progress instead of the figure above" disabled={noGoal} />}
            </form.AppField>
          )}
        </form.Subscribe>
        {others.length === 0 ? (
          <p className="muted small">There are no other items to depend on yet.</p>
        ) : (
          <form.AppField name="dependsOn">
            {(f) => (
              <f.CheckboxesField label="Depends on" records={others.map((o) => ({ id: o.id, name: `${o.title} (${o.workstream})` }))} />
            )}
          </form.AppField>
        )}
        <form.Actions label={item ? "Save changes" : "Add item"} busy={create.isPending || edit.isPending}>
          <button type="button" className="button secondary" onClick={onCancel}>
            Cancel
          </button>
          {onDelete && (
            <button type="button" className="button danger push-right" onClick={onDelete}>
              Delete item
            </button>
          )}
        </form.Actions>
      </form.Form>
      {edit.dialog}
    </form.AppForm>
  );
}

function show(field: string, value: unknown, items: RoadmapItem[]): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  if (field === "status") return roadmapStatusLabels[value as RoadmapStatus];
  if (field === "visibility") return visibilityLabels[value as Visibility];
  if (field === "startDate" || field === "endDate") return formatDate(String(value));
  if (field === "percentComplete") return `${value} %`;
  if (field === "dependsOn" && Array.isArray(value)) {
    return value.length ? value.map((id) => items.find((i) => i.id === id)?.title ?? `item ${id}`).join("; ") : "nothing";
  }
  return undefined;
}
