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
import { useId, useState } from "react";
import { ApiFailure, api, call, type RoadmapItem } from "../api.ts";
import { type Conflict, ConflictDialog } from "../components/conflict-dialog.tsx";
import { Field } from "../components/field.tsx";
import { ErrorMessage } from "../components/states.tsx";
import { VisibilityField } from "../components/visibility-field.tsx";
import { apiFieldErrors, zodFieldErrors } from "../form-errors.ts";
import { formatDate } from "../format.ts";
import { goalsQuery } from "../queries.ts";

interface Draft {
  title: string;
  description: string;
  workstream: string;
  startDate: string;
  endDate: string;
  status: RoadmapStatus;
  percentComplete: string;
  goalId: string;
  followGoalProgress: boolean;
  dependsOn: number[];
  visibility: Visibility;
}

function draftOf(i?: RoadmapItem): Draft {
  return {
    title: i?.title ?? "",
    description: i?.description ?? "",
    workstream: i?.workstream ?? "",
    startDate: i?.startDate ?? "",
    endDate: i?.endDate ?? "",
    status: i?.status ?? "planned",
    percentComplete: String(i?.percentComplete ?? 0),
    goalId: i?.goalId ? String(i.goalId) : "",
    followGoalProgress: i?.followGoalProgress ?? false,
    dependsOn: i?.dependsOn ?? [],
    visibility: i?.visibility ?? "members",
  };
}

function fieldsOf(d: Draft) {
  return {
    title: d.title,
    description: d.description,
    workstream: d.workstream,
    startDate: d.startDate,
    endDate: d.endDate,
    status: d.status,
    percentComplete: d.percentComplete.trim() === "" ? Number.NaN : Number(d.percentComplete),
    goalId: d.goalId ? Number(d.goalId) : null,
    followGoalProgress: d.followGoalProgress,
    dependsOn: d.dependsOn,
    visibility: d.visibility,
  };
}
type Fields = ReturnType<typeof fieldsOf>;

const labels: Record<keyof Fields, string> = {
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
};

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
  const [draft, setDraft] = useState(() => draftOf(item));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const goals = useQuery(goalsQuery({}));
  const queryClient = useQueryClient();
  const listId = useId();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const touch = (f: string) => setTouched((t) => new Set(t).add(f));

  const save = useMutation({
    mutationFn: async ({ fields, version }: { fields: Partial<Fields>; version?: number }) => {
      if (!item) return call(api.roadmap.$post({ json: fields as Fields }));
      return call(api.roadmap[":id"].$patch({ param: { id: String(item.id) }, json: { ...fields, version: version ?? item.version } }));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["roadmap"] });
      onDone(item ? `Saved “${draft.title.trim()}”.` : `Added “${draft.title.trim()}” to the road map.`);
    },
    onError: (err, { fields }) => {
      if (!(err instanceof ApiFailure) || err.status !== 409 || !err.details?.current) return;
      const current = err.details.current as RoadmapItem;
      setConflict({
        differences: (Object.keys(fields) as (keyof Fields)[]).map((k) => ({
          field: labels[k],
          mine: show(k, fields[k], items),
          theirs: show(k, current[k as keyof RoadmapItem], items),
        })),
        keepTheirs: () => {
          setConflict(null);
          save.reset();
          setDraft(draftOf(current));
          void queryClient.invalidateQueries({ queryKey: ["roadmap"] });
        },
        useMine: () => {
          setConflict(null);
          save.mutate({ fields, version: current.version });
        },
      });
    },
  });

  const parsed = roadmapItemInputSchema.safeParse(fieldsOf(draft));
  const clientErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const serverErrors = apiFieldErrors(save.error);
  const errorFor = (f: string) => (touched.has(f) ? clientErrors[f] : undefined) ?? serverErrors[f];
  const others = items.filter((i) => i.id !== item?.id);

  const submit = () => {
    setTouched(new Set(Object.keys(draft)));
    if (!parsed.success) return;
    const after = fieldsOf(draft);
    if (!item) return save.mutate({ fields: after });
    const before = fieldsOf(draftOf(item));
    // Send only what changed, so a conflict shows just the fields this person touched.
    const changed = Object.fromEntries(
      Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof Fields])),
    ) as Partial<Fields>;
    if (Object.keys(changed).length === 0) return onDone("Nothing had changed.");
    save.mutate({ fields: changed });
  };

  return (
    <form
      className="form roadmap-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {save.error != null &&
        !conflict &&
        Object.keys(serverErrors).length === 0 &&
        !(save.error instanceof ApiFailure && save.error.status === 409) && <ErrorMessage error={save.error} />}
      <Field id="rm-title" label="Title" error={errorFor("title")}>
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
        id="rm-workstream"
        label="Workstream"
        hint="For example Parliament or Government; items share a lane by workstream"
        error={errorFor("workstream")}
      >
        {(p) => (
          <>
            <input
              {...p}
              list={listId}
              value={draft.workstream}
              maxLength={100}
              onChange={(e) => set({ workstream: e.target.value })}
              onBlur={() => touch("workstream")}
            />
            <datalist id={listId}>
              {workstreams.map((w) => (
                <option key={w} value={w} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <div className="field-row">
        <Field id="rm-start" label="Start" error={errorFor("startDate")}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.startDate}
              onChange={(e) => set({ startDate: e.target.value })}
              onBlur={() => touch("startDate")}
            />
          )}
        </Field>
        <Field id="rm-end" label="End" error={errorFor("endDate")}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.endDate}
              min={draft.startDate || undefined}
              onChange={(e) => {
                touch("endDate");
                set({ endDate: e.target.value });
              }}
              onBlur={() => touch("endDate")}
            />
          )}
        </Field>
        <Field id="rm-status" label="Status" error={errorFor("status")}>
          {(p) => (
            <select {...p} value={draft.status} onChange={(e) => set({ status: e.target.value as RoadmapStatus })}>
              {roadmapStatuses.map((s) => (
                <option key={s} value={s}>
                  {roadmapStatusLabels[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="rm-percent" label="% complete" hint="0 to 100" error={errorFor("percentComplete")}>
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              value={draft.percentComplete}
              onChange={(e) => {
                touch("percentComplete");
                set({ percentComplete: e.target.value });
              }}
            />
          )}
        </Field>
      </div>
      <Field id="rm-description" label="Description (optional)" error={errorFor("description")}>
        {(p) => <textarea {...p} rows={3} value={draft.description} onChange={(e) => set({ description: e.target.value })} />}
      </Field>
      <div className="field-row">
        <Field id="rm-goal" label="Linked goal (optional)" error={errorFor("goalId")}>
          {(p) => (
            <select
              {...p}
              value={draft.goalId}
              onChange={(e) => set({ goalId: e.target.value, ...(e.target.value ? {} : { followGoalProgress: false }) })}
            >
              <option value="">No linked goal</option>
              {goals.data?.goals.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.title} ({g.cycleName})
                </option>
              ))}
            </select>
          )}
        </Field>
        <VisibilityField
          id="rm-visibility"
          value={draft.visibility}
          onChange={(visibility) => set({ visibility })}
          error={errorFor("visibility")}
        />
      </div>
      <div className={`field ${errorFor("followGoalProgress") ? "has-error" : ""}`}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.followGoalProgress}
            disabled={!draft.goalId}
            aria-describedby={errorFor("followGoalProgress") ? "rm-follow-error" : undefined}
            onChange={(e) => {
              touch("followGoalProgress");
              set({ followGoalProgress: e.target.checked });
            }}
          />{" "}
          Follow the linked goal: show its progress instead of the figure above
        </label>
        {errorFor("followGoalProgress") && (
          <p className="field-error" id="rm-follow-error">
            {errorFor("followGoalProgress")}
          </p>
        )}
      </div>
      <fieldset className={`field-group ${errorFor("dependsOn") ? "has-error" : ""}`} aria-describedby="rm-depends-error">
        <legend>Depends on</legend>
        {others.length === 0 ? (
          <p className="muted small">There are no other items to depend on yet.</p>
        ) : (
          <div className="checkbox-grid">
            {others.map((o) => (
              <label key={o.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.dependsOn.includes(o.id)}
                  onChange={(e) => {
                    touch("dependsOn");
                    set({ dependsOn: e.target.checked ? [...draft.dependsOn, o.id] : draft.dependsOn.filter((id) => id !== o.id) });
                  }}
                />{" "}
                <span>
                  {o.title} <span className="muted small">({o.workstream})</span>
                </span>
              </label>
            ))}
          </div>
        )}
        {errorFor("dependsOn") && (
          <p className="field-error" id="rm-depends-error">
            {errorFor("dependsOn")}
          </p>
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? "Saving…" : item ? "Save changes" : "Add item"}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        {onDelete && (
          <button type="button" className="button danger push-right" onClick={onDelete}>
            Delete item
          </button>
        )}
      </div>
      <ConflictDialog conflict={conflict} onClose={() => setConflict(null)} />
    </form>
  );
}

function show(field: keyof Fields, value: unknown, items: RoadmapItem[]): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "status") return roadmapStatusLabels[value as RoadmapStatus];
  if (field === "visibility") return visibilityLabels[value as Visibility];
  if (field === "startDate" || field === "endDate") return formatDate(String(value));
  if (field === "followGoalProgress") return value ? "Yes" : "No";
  if (field === "percentComplete") return `${value} %`;
  if (field === "dependsOn" && Array.isArray(value)) {
    return value.length ? value.map((id) => items.find((i) => i.id === id)?.title ?? `item ${id}`).join("; ") : "nothing";
  }
  return String(value);
}
