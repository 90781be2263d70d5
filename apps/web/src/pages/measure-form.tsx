/** The convenor adds a measure to a goal (a number with baseline and target, or a done/not-done milestone), or corrects one. */
import { measureInputSchema, measurePatchSchema } from "@convene/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import { api, call, type GoalDetail, type MeasurePatchBody } from "../api.ts";
import { useToast } from "../components/toast.tsx";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { useVersionedEdit } from "../versioned-edit.tsx";

type Measure = GoalDetail["goal"]["measures"][number];

/** Every field either kind may have; the kind decides which of them are sent. */
interface MeasureValues {
  kind: "numeric" | "milestone";
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  current: number | null;
  done: boolean;
  weight: number | null;
}

function asInput(v: MeasureValues) {
  return v.kind === "numeric"
    ? {
        kind: v.kind,
        name: v.name,
        unit: v.unit,
        baseline: v.baseline,
        target: v.target,
        weight: v.weight,
        ...(v.current === null ? {} : { current: v.current }),
      }
    : { kind: v.kind, name: v.name, done: v.done, weight: v.weight };
}

const measureFormSchema = shapedSchema(asInput, measureInputSchema);

const emptyMeasure: MeasureValues = {
  kind: "numeric",
  name: "",
  unit: "",
  baseline: 0,
  target: null,
  current: null,
  done: false,
  weight: 1,
};

export function MeasureForm({ goalId }: { goalId: number }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation({
    mutationFn: (input: z.output<typeof measureInputSchema>) => call(api.measures.$post({ json: { goalId, ...input } })),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast("Measure added.");
    },
  });
  const form = useAppForm({
    defaultValues: emptyMeasure,
    validators: { onChange: measureFormSchema },
    onSubmit: ({ value, formApi }) => {
      create.mutate(measureInputSchema.parse(asInput(value)), { onSuccess: () => formApi.reset() });
    },
  });

  if (!open) {
    return (
      <button type="button" className="button secondary no-print" onClick={() => setOpen(true)}>
        Add a measure
      </button>
    );
  }
  return (
    <form.AppForm>
      <form.Form className="form card no-print" error={create.error}>
        <h3 id="measure-form-heading">New measure</h3>
        <form.Field name="kind">
          {(f) => (
            <fieldset className="field-group">
              <legend>Kind</legend>
              <label className="checkbox">
                <input type="radio" name="kind" checked={f.state.value === "numeric"} onChange={() => f.handleChange("numeric")} /> A number
                towards a target
              </label>
              <label className="checkbox">
                <input type="radio" name="kind" checked={f.state.value === "milestone"} onChange={() => f.handleChange("milestone")} /> A
                milestone, done or not
              </label>
            </fieldset>
          )}
        </form.Field>
        <form.AppField name="name">
          {(f) => <f.TextField label="Name" hint="What is counted or achieved, for example “MPs briefed”" />}
        </form.AppField>
        <form.Subscribe selector={(s) => s.values.kind}>
          {(kind) =>
            kind === "numeric" ? (
              <div className="field-row">
                <form.AppField name="unit">{(f) => <f.TextField label="Unit (optional)" hint="For example, MPs" />}</form.AppField>
                <form.AppField name="baseline" listeners={{ onChange: () => form.validateField("target", "change") }}>
                  {(f) => <f.NumberField label="Baseline" />}
                </form.AppField>
                <form.AppField name="target">{(f) => <f.NumberField label="Target" />}</form.AppField>
                <form.AppField name="current">
                  {(f) => <f.NumberField label="Value now (optional)" hint="Blank means the baseline" optional />}
                </form.AppField>
              </div>
            ) : (
              <form.AppField name="done">{(f) => <f.CheckboxField label="Already done" />}</form.AppField>
            )
          }
        </form.Subscribe>
        <form.AppField name="weight">
          {(f) => <f.NumberField label="Weight" hint="How much it counts in the goal's progress, relative to its other measures" />}
        </form.AppField>
        <form.Actions label="Add measure" busy={create.isPending} onCancel={() => setOpen(false)} />
      </form.Form>
    </form.AppForm>
  );
}

const measureFieldLabels = { name: "Name", unit: "Unit", baseline: "Baseline", target: "Target", weight: "Weight" } as const;

/** What a correction can change, as the PATCH answers it. */
type MeasureRecord = Pick<Measure, "id" | "version" | "name" | "unit" | "baseline" | "target" | "weight">;
type CorrectionValues = Pick<Measure, "name" | "unit" | "baseline" | "target" | "weight">;

/** A milestone measure has no unit, baseline or target to correct: only those of a number are sent. */
const correctionOf = (kind: Measure["kind"]) => (v: CorrectionValues) => (kind === "numeric" ? v : { name: v.name, weight: v.weight });

/** The correction as the PATCH schema checks it, with the rule that a target must differ from its baseline. */
const measureEditSchema = measurePatchSchema.refine((m) => m.baseline === undefined || m.baseline !== m.target, {
  error: "Target must differ from the baseline",
  path: ["target"],
});

/** Correcting a measure in place: its name, unit, baseline, target or weight. Values come from updates. */
export function MeasureEditForm({ measure: m, onDone }: { measure: Measure; onDone: () => void }) {
  const toast = useToast();
  const edit = useVersionedEdit<MeasureRecord, MeasurePatchBody>({
    // A measure lives inside its goal's answer, so the goal is read again rather than patched.
    family: { root: "goals", one: "measure", many: "measures", refetch: true },
    send: (id, json) => call(api.measures[":id"].$patch({ param: { id: String(id) }, json })).then((r) => r.measure),
    labels: measureFieldLabels,
    onSaved: () => {
      toast("Measure saved.");
      onDone();
    },
  });
  const numeric = m.kind === "numeric";
  const shape = correctionOf(m.kind);
  const initial: CorrectionValues = { name: m.name, unit: m.unit, baseline: m.baseline, target: m.target, weight: m.weight };
  const form = useAppForm({
    defaultValues: initial,
    validators: { onChange: shapedSchema((v: CorrectionValues) => ({ ...shape(v), version: m.version }), measureEditSchema) },
    onSubmit: ({ value }) => {
      const { version: _based, ...values } = measureEditSchema.parse({ ...shape(value), version: m.version });
      edit.save(m, values);
    },
  });
  return (
    <form.AppForm>
      <form.Form className="form no-print" error={edit.error}>
        <form.AppField name="name">{(f) => <f.TextField label="Name" />}</form.AppField>
        {numeric && (
          <div className="field-row">
            <form.AppField name="unit">{(f) => <f.TextField label="Unit" />}</form.AppField>
            <form.AppField name="baseline" listeners={{ onChange: () => form.validateField("target", "change") }}>
              {(f) => <f.NumberField label="Baseline" />}
            </form.AppField>
            <form.AppField name="target">{(f) => <f.NumberField label="Target" />}</form.AppField>
          </div>
        )}
        <form.AppField name="weight">{(f) => <f.NumberField label="Weight" />}</form.AppField>
        <form.Actions label="Save measure" busy={edit.isPending} onCancel={onDone} />
      </form.Form>
      {edit.dialog}
    </form.AppForm>
  );
}
