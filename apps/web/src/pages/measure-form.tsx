/** The convenor adds a measure to a goal: a number with baseline and target, or a done/not-done milestone. */
import { measureInputSchema, measurePatchSchema } from "@convene/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiFailure, api, call } from "../api.ts";
import { type Conflict, ConflictDialog } from "../components/conflict-dialog.tsx";
import { Field } from "../components/field.tsx";
import { ErrorMessage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from "../form-errors.ts";

interface Draft {
  kind: "numeric" | "milestone";
  name: string;
  unit: string;
  baseline: string;
  target: string;
  current: string;
  done: boolean;
  weight: string;
}
const empty: Draft = { kind: "numeric", name: "", unit: "", baseline: "0", target: "", current: "", done: false, weight: "1" };

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

function toInput(d: Draft) {
  return d.kind === "numeric"
    ? {
        kind: "numeric" as const,
        name: d.name,
        unit: d.unit,
        baseline: num(d.baseline),
        target: num(d.target),
        ...(d.current.trim() ? { current: num(d.current) } : {}),
        weight: num(d.weight),
      }
    : { kind: "milestone" as const, name: d.name, done: d.done, weight: num(d.weight) };
}

export function MeasureForm({ goalId }: { goalId: number }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(empty);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation({
    mutationFn: (input: ReturnType<typeof toInput>) => call(api.measures.$post({ json: { goalId, ...input } })),
    onSuccess: () => {
      setDraft(empty);
      setTouched(new Set());
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast("Measure added.");
    },
  });

  const parsed = measureInputSchema.safeParse(toInput(draft));
  const clientErrors: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const serverErrors = apiFieldErrors(create.error);
  const errorFor = (f: string) => (touched.has(f) ? (clientErrors[f] ?? serverErrors[f]) : serverErrors[f]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const touch = (f: string) => setTouched((t) => new Set(t).add(f));

  if (!open) {
    return (
      <button type="button" className="button secondary no-print" onClick={() => setOpen(true)}>
        Add a measure
      </button>
    );
  }
  return (
    <form
      className="form card no-print"
      aria-labelledby="measure-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(new Set(["name", "baseline", "target", "current", "weight"]));
        if (parsed.success) create.mutate(toInput(draft));
      }}
    >
      <h3 id="measure-form-heading">New measure</h3>
      <fieldset className="field-group">
        <legend>Kind</legend>
        <label className="checkbox">
          <input type="radio" name="kind" checked={draft.kind === "numeric"} onChange={() => set({ kind: "numeric" })} /> A number towards a
          target
        </label>
        <label className="checkbox">
          <input type="radio" name="kind" checked={draft.kind === "milestone"} onChange={() => set({ kind: "milestone" })} /> A milestone,
          done or not
        </label>
      </fieldset>
      <Field id="measure-name" label="Name" hint="What is counted or achieved, e.g. “MPs briefed”" error={errorFor("name")}>
        {(p) => <input {...p} value={draft.name} onChange={(e) => set({ name: e.target.value })} onBlur={() => touch("name")} />}
      </Field>
      {draft.kind === "numeric" ? (
        <div className="field-row">
          <Field id="measure-unit" label="Unit (optional)" error={errorFor("unit")}>
            {(p) => <input {...p} value={draft.unit} onChange={(e) => set({ unit: e.target.value })} placeholder="e.g. MPs" />}
          </Field>
          <Field id="measure-baseline" label="Baseline" error={errorFor("baseline")}>
            {(p) => (
              <input
                {...p}
                type="number"
                step="any"
                value={draft.baseline}
                onChange={(e) => set({ baseline: e.target.value })}
                onBlur={() => touch("baseline")}
              />
            )}
          </Field>
          <Field id="measure-target" label="Target" error={errorFor("target")}>
            {(p) => (
              <input
                {...p}
                type="number"
                step="any"
                value={draft.target}
                onChange={(e) => set({ target: e.target.value })}
                onBlur={() => touch("target")}
              />
            )}
          </Field>
          <Field id="measure-current" label="Value now (optional)" hint="Blank means the baseline" error={errorFor("current")}>
            {(p) => (
              <input
                {...p}
                type="number"
                step="any"
                value={draft.current}
                onChange={(e) => set({ current: e.target.value })}
                onBlur={() => touch("current")}
              />
            )}
          </Field>
        </div>
      ) : (
        <label className="checkbox">
          <input type="checkbox" checked={draft.done} onChange={(e) => set({ done: e.target.checked })} /> Already done
        </label>
      )}
      <Field
        id="measure-weight"
        label="Weight"
        hint="How much it counts in the goal's progress, relative to its other measures"
        error={errorFor("weight")}
      >
        {(p) => (
          <input
            {...p}
            type="number"
            min={0}
            max={100}
            step="any"
            value={draft.weight}
            onChange={(e) => set({ weight: e.target.value })}
            onBlur={() => touch("weight")}
          />
        )}
      </Field>
      {create.error && !Object.keys(serverErrors).length && <ErrorMessage error={create.error} />}
      <div className="actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add measure"}
        </button>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface Editable {
  id: number;
  kind: "numeric" | "milestone";
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  weight: number;
  version: number;
}

const editLabels: Record<string, string> = { name: "Name", unit: "Unit", baseline: "Baseline", target: "Target", weight: "Weight" };

/** Correcting a measure in place: its name, unit, baseline, target or weight. Values come from updates. */
export function MeasureEditForm({ measure: m, onDone }: { measure: Editable; onDone: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState({
    name: m.name,
    unit: m.unit,
    baseline: String(m.baseline ?? ""),
    target: String(m.target ?? ""),
    weight: String(m.weight),
  });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const patchOf = (version: number) =>
    m.kind === "numeric"
      ? { name: draft.name, unit: draft.unit, baseline: num(draft.baseline), target: num(draft.target), weight: num(draft.weight), version }
      : { name: draft.name, weight: num(draft.weight), version };
  const save = useMutation({
    mutationFn: (patch: ReturnType<typeof patchOf>) => call(api.measures[":id"].$patch({ param: { id: String(m.id) }, json: patch })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast("Measure saved.");
      onDone();
    },
    onError: (err, patch) => {
      if (!(err instanceof ApiFailure) || err.status !== 409) return;
      const current = err.details?.current as Record<string, unknown> | undefined;
      if (!current) return;
      setConflict({
        differences: Object.keys(editLabels)
          .filter((k) => k in patch)
          .map((k) => ({
            field: editLabels[k] ?? k,
            mine: String(patch[k as keyof typeof patch] ?? "—"),
            theirs: String(current[k] ?? "—"),
          })),
        keepTheirs: () => {
          setConflict(null);
          void queryClient.invalidateQueries({ queryKey: ["goals"] });
          onDone();
        },
        useMine: () => {
          setConflict(null);
          save.mutate(patchOf(Number(current.version)));
        },
      });
    },
  });
  const parsed = measurePatchSchema.safeParse(patchOf(m.version));
  const errors: FieldErrors = {
    ...(parsed.success ? {} : zodFieldErrors(parsed.error)),
    ...(m.kind === "numeric" && num(draft.baseline) === num(draft.target) ? { target: "Target must differ from the baseline" } : {}),
    ...apiFieldErrors(save.error),
  };
  const valid = Object.keys(errors).length === 0;
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <form
      className="form no-print"
      aria-label={`Edit ${m.name}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) save.mutate(patchOf(m.version));
      }}
    >
      <Field id={`edit-${m.id}-name`} label="Name" error={errors.name}>
        {(p) => <input {...p} value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      {m.kind === "numeric" && (
        <div className="field-row">
          <Field id={`edit-${m.id}-unit`} label="Unit" error={errors.unit}>
            {(p) => <input {...p} value={draft.unit} onChange={(e) => set({ unit: e.target.value })} />}
          </Field>
          <Field id={`edit-${m.id}-baseline`} label="Baseline" error={errors.baseline}>
            {(p) => <input {...p} type="number" step="any" value={draft.baseline} onChange={(e) => set({ baseline: e.target.value })} />}
          </Field>
          <Field id={`edit-${m.id}-target`} label="Target" error={errors.target}>
            {(p) => <input {...p} type="number" step="any" value={draft.target} onChange={(e) => set({ target: e.target.value })} />}
          </Field>
        </div>
      )}
      <Field id={`edit-${m.id}-weight`} label="Weight" error={errors.weight}>
        {(p) => (
          <input {...p} type="number" min={0} max={100} step="any" value={draft.weight} onChange={(e) => set({ weight: e.target.value })} />
        )}
      </Field>
      {save.error && !conflict && !Object.keys(apiFieldErrors(save.error)).length && <ErrorMessage error={save.error} />}
      <div className="actions">
        <button type="submit" className="button" disabled={!valid || save.isPending}>
          Save measure
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
      <ConflictDialog conflict={conflict} onClose={() => setConflict(null)} />
    </form>
  );
}
