/** The convenor adds a measure to a goal: a number with baseline and target, or a done/not-done milestone. */
import { measureInputSchema } from "@convene/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, call } from "../api.ts";
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
