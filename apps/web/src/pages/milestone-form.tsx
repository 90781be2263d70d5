/**
 * Adding and editing a milestone, validated as you type with the schema the API uses. The date is
 * asked for only as precisely as it is known: a day, a month, a season or a year.
 */
import {
  cycleWords,
  type DatePrecision,
  datePrecisionLabels,
  datePrecisions,
  type MilestoneKind,
  milestoneInputSchema,
  milestoneKindLabels,
  milestoneKinds,
  type Season,
  seasonOf,
  seasonStartMonth,
  seasons,
  type Visibility,
  visibilityLabels,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, call, type Milestone, type MilestonePatchBody } from "../api.ts";
import { useToast } from "../components/toast.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { type IssuePath, shapedSchema } from "../forms/shaped-schema.ts";
import { goalsQuery, organisationsQuery } from "../queries.ts";
import { useVersionedEdit } from "../versioned-edit.tsx";

/** What the form holds: the date as its parts, so each precision keeps what was typed for it. */
interface MilestoneValues {
  title: string;
  kind: MilestoneKind;
  datePrecision: DatePrecision;
  day: string;
  month: string;
  season: Season;
  year: string;
  description: string;
  outcome: string;
  notes: string;
  evidence: { title: string; url: string }[];
  organisationIds: number[];
  goalIds: number[];
  visibility: Visibility;
}

function valuesOf(m?: Milestone): MilestoneValues {
  const date = m?.date ?? "";
  return {
    title: m?.title ?? "",
    kind: m?.kind ?? "statement",
    datePrecision: m?.datePrecision ?? "day",
    day: date,
    month: date.slice(0, 7),
    season: date ? seasonOf(Number(date.slice(5, 7))) : "autumn",
    year: date.slice(0, 4),
    description: m?.description ?? "",
    outcome: m?.outcome ?? "",
    notes: m?.notes ?? "",
    evidence: m?.evidence ?? [],
    organisationIds: m?.organisationIds ?? [],
    goalIds: m?.goalIds ?? [],
    visibility: m?.visibility ?? "members",
  };
}

const isYear = (y: string) => /^\d{4}$/.test(y.trim());

const monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * The first day of a month as typed: a month picker gives "2027-03"; where the browser has none
 * (Firefox, Safari) the box is plain text and people write "3 2027" or "March 2027".
 */
export function monthStart(typed: string): string {
  const t = typed.trim().toLowerCase();
  const iso = /^(\d{4})-(\d{1,2})$/.exec(t);
  const numbers = /^(\d{1,2})[\s/.-]+(\d{4})$/.exec(t);
  const words = /^([a-z]+)\s+(\d{4})$/.exec(t);
  const [year, month] = iso
    ? [iso[1], Number(iso[2])]
    : numbers
      ? [numbers[2], Number(numbers[1])]
      : words
        ? [words[2], monthNames.indexOf(words[1]!.slice(0, 3)) + 1]
        : [undefined, 0];
  return year && month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, "0")}-01` : "";
}

/** The ISO date the form's inputs stand for at its precision ("" when not yet a date, so the schema asks for it). */
function dateOf(v: MilestoneValues): string {
  switch (v.datePrecision) {
    case "day":
      return v.day;
    case "month":
      return monthStart(v.month);
    case "season":
      return isYear(v.year) ? `${v.year.trim()}-${String(seasonStartMonth[v.season]).padStart(2, "0")}-01` : "";
    case "year":
      return isYear(v.year) ? `${v.year.trim()}-01-01` : "";
  }
}

/** The milestone as the API takes it. */
function fieldsOf(v: MilestoneValues) {
  const { day: _day, month: _month, season: _season, year: _year, ...rest } = v;
  return { ...rest, date: dateOf(v) };
}
type Fields = ReturnType<typeof fieldsOf>;

/** The input a date problem belongs beside: the one shown for the chosen precision. */
const dateInput = (p: DatePrecision) => (p === "day" ? "day" : p === "month" ? "month" : "year");

const milestoneFormSchema = shapedSchema(fieldsOf, milestoneInputSchema, (path: IssuePath, v: MilestoneValues) =>
  path[0] === "date" ? [dateInput(v.datePrecision)] : path,
);

const labels: Record<keyof Fields, string> = {
  title: "Title",
  kind: "Kind",
  date: "Date",
  datePrecision: "Known to",
  description: "What happened",
  outcome: "Outcome",
  notes: "What is uncertain",
  evidence: "Evidence links",
  organisationIds: "Contributing organisations",
  goalIds: "Goals",
  visibility: "Visible to",
};

function show(field: string, value: unknown): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  if (field === "kind") return milestoneKindLabels[value as MilestoneKind];
  if (field === "visibility") return visibilityLabels[value as Visibility];
  if (field === "datePrecision") return datePrecisionLabels[value as DatePrecision];
  if (field === "evidence") return (value as { title: string }[]).map((e) => e.title).join(", ") || "none";
  return undefined;
}

const seasonLabels = Object.fromEntries(seasons.map((s) => [s, s[0]!.toUpperCase() + s.slice(1)])) as Record<Season, string>;

export function MilestoneForm({ milestone, onDone }: { milestone?: Milestone; onDone: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { cycle } = useCycleChoice();
  const orgs = useQuery(organisationsQuery);
  const goals = useQuery({ ...goalsQuery({ cycleId: cycle?.id }), enabled: cycle !== undefined });

  const create = useMutation({
    mutationFn: (json: Parameters<typeof api.milestones.$post>[0]["json"]) => call(api.milestones.$post({ json })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["milestones"] });
      toast(`Milestone “${res.milestone.title}” added.`);
      onDone();
    },
  });
  const edit = useVersionedEdit<Milestone, MilestonePatchBody>({
    family: { root: "milestones", one: "milestone", many: "milestones" },
    send: (id, json) => call(api.milestones[":id"].$patch({ param: { id: String(id) }, json })).then((r) => r.milestone),
    labels,
    show,
    onSaved: (saved, before) => {
      if (saved !== before) toast("Milestone saved.");
      onDone();
    },
  });

  const form = useAppForm({
    defaultValues: valuesOf(milestone),
    validators: { onChange: milestoneFormSchema },
    onSubmit: ({ value }) => {
      const after = fieldsOf(value);
      if (!milestone) return create.mutate(milestoneInputSchema.parse(after));
      // Compared with the record as the form first held it, so an empty outcome is not a change from none.
      const base = { ...milestone, ...fieldsOf(valuesOf(milestone)) };
      // A date means nothing without its precision, so either goes with the other.
      const datesMoved = after.date !== base.date || after.datePrecision !== base.datePrecision;
      edit.save(base, after, datesMoved ? { also: { date: after.date, datePrecision: after.datePrecision } } : {});
    },
  });

  const goalChoices = [
    ...(milestone?.goals ?? []).map((g) => ({ id: g.id, name: g.title })),
    ...(goals.data?.goals ?? []).filter((g) => !milestone?.goalIds.includes(g.id)).map((g) => ({ id: g.id, name: g.title })),
  ];

  return (
    <form.AppForm>
      <form.Form className="form milestone-form" idPrefix="ms" error={milestone ? edit.error : create.error}>
        <form.AppField name="title">{(f) => <f.TextField label="Title" maxLength={300} />}</form.AppField>
        <div className="field-row">
          <form.AppField name="kind">
            {(f) => <f.ChoiceField label="Kind" options={milestoneKinds} labels={milestoneKindLabels} />}
          </form.AppField>
          <form.AppField name="datePrecision">
            {(f) => (
              <f.ChoiceField
                label="Date known to"
                hint="Choose only as precise as the source allows"
                options={datePrecisions}
                labels={datePrecisionLabels}
              />
            )}
          </form.AppField>
          <form.Subscribe selector={(s) => s.values.datePrecision}>
            {(precision) => (
              <>
                {precision === "season" && (
                  <form.AppField name="season">
                    {(f) => <f.ChoiceField label="Season" options={seasons} labels={seasonLabels} />}
                  </form.AppField>
                )}
                {precision === "day" && <form.AppField name="day">{(f) => <f.DateField label="Date" />}</form.AppField>}
                {precision === "month" && (
                  <form.AppField name="month">
                    {(f) => <f.TextField label="Month" type="month" hint="For example, March 2027" />}
                  </form.AppField>
                )}
                {(precision === "season" || precision === "year") && (
                  <form.AppField name="year">
                    {(f) => <f.TextField label="Year" hint="For example, 2019" inputMode="numeric" maxLength={4} />}
                  </form.AppField>
                )}
              </>
            )}
          </form.Subscribe>
        </div>
        <form.AppField name="outcome">
          {(f) => <f.TextAreaField label="Outcome (optional)" hint="What changed because of it" rows={2} />}
        </form.AppField>
        <form.AppField name="description">{(f) => <f.TextAreaField label="What happened (optional)" rows={3} />}</form.AppField>
        <form.AppField name="notes">
          {(f) => (
            <f.TextAreaField
              label="What is uncertain (optional)"
              hint="What the source leaves unclear: an unknown date, unnamed signatories"
              rows={2}
            />
          )}
        </form.AppField>

        <form.Field name="evidence" mode="array">
          {(links) => (
            <fieldset className="field-group">
              <legend>Evidence links</legend>
              {links.state.value.length === 0 && (
                <p className="hint">No links yet: add the letter, the reply, the publication or the record of the debate.</p>
              )}
              {links.state.value.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a link being typed has no identity but its place in the list
                <div className="evidence-row" key={i}>
                  <form.AppField name={`evidence[${i}].title`}>{(f) => <f.TextField label={`Link ${i + 1} title`} />}</form.AppField>
                  <form.AppField name={`evidence[${i}].url`}>
                    {(f) => <f.TextField label={`Link ${i + 1} address`} type="url" />}
                  </form.AppField>
                  <button type="button" className="link-button danger-text" onClick={() => links.removeValue(i)}>
                    Remove link {i + 1}
                  </button>
                </div>
              ))}
              <button type="button" className="button secondary small" onClick={() => links.pushValue({ title: "", url: "" })}>
                Add a link
              </button>
            </fieldset>
          )}
        </form.Field>

        <form.AppField name="organisationIds">
          {(f) => <f.CheckboxesField label="Contributing organisations" records={orgs.data?.organisations} />}
        </form.AppField>
        <form.AppField name="goalIds">
          {(f) =>
            goalChoices.length === 0 ? (
              <fieldset className="field-group">
                <legend>Goals it advanced{cycle ? ` (${cycleWords(cycle.name)})` : ""}</legend>
                <p className="hint">There are no goals in the chosen cycle to link to.</p>
              </fieldset>
            ) : (
              <f.CheckboxesField label={`Goals it advanced${cycle ? ` (${cycleWords(cycle.name)})` : ""}`} records={goalChoices} />
            )
          }
        </form.AppField>
        <form.AppField name="visibility">
          {(f) => <f.VisibilityField hint="Public milestones may appear in public exports" />}
        </form.AppField>
        <form.Actions label={milestone ? "Save changes" : "Add milestone"} busy={create.isPending || edit.isPending} onCancel={onDone} />
      </form.Form>
      {edit.dialog}
    </form.AppForm>
  );
}
