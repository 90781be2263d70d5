/**
 * Adding and editing a milestone, validated as you type with the schema the API uses. The date is
 * asked for only as precisely as it is known: a day, a month, a season or a year.
 */
import {
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
  visibilities,
  visibilityLabels,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiFailure, api, call, type Milestone } from "../api.ts";
import { type Conflict, ConflictDialog } from "../components/conflict-dialog.tsx";
import { Field } from "../components/field.tsx";
import { ErrorMessage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { apiFieldErrors, zodFieldErrors } from "../form-errors.ts";
import { goalsQuery, organisationsQuery } from "../queries.ts";

interface Draft {
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

function draftOf(m?: Milestone): Draft {
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

/** The ISO date the draft's inputs stand for at its precision ("" when not yet a date). */
function dateOf(d: Draft): string {
  switch (d.datePrecision) {
    case "day":
      return d.day;
    case "month":
      return /^\d{4}-\d{2}$/.test(d.month) ? `${d.month}-01` : "";
    case "season":
      return /^\d{4}$/.test(d.year) ? `${d.year}-${String(seasonStartMonth[d.season]).padStart(2, "0")}-01` : "";
    case "year":
      return /^\d{4}$/.test(d.year) ? `${d.year}-01-01` : "";
  }
}

function fieldsOf(d: Draft) {
  return {
    title: d.title,
    kind: d.kind,
    date: dateOf(d),
    datePrecision: d.datePrecision,
    description: d.description,
    outcome: d.outcome,
    notes: d.notes,
    evidence: d.evidence,
    organisationIds: d.organisationIds,
    goalIds: d.goalIds,
    visibility: d.visibility,
  };
}
type Fields = ReturnType<typeof fieldsOf>;

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

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "kind") return milestoneKindLabels[value as MilestoneKind];
  if (field === "visibility") return visibilityLabels[value as Visibility];
  if (field === "datePrecision") return datePrecisionLabels[value as DatePrecision];
  if (field === "evidence") return (value as { title: string }[]).map((e) => e.title).join(", ") || "none";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  return String(value);
}

export function MilestoneForm({ milestone, onDone }: { milestone?: Milestone; onDone: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { cycle } = useCycleChoice();
  const orgs = useQuery(organisationsQuery);
  const goals = useQuery({ ...goalsQuery({ cycleId: cycle?.id }), enabled: cycle !== undefined });
  const [draft, setDraft] = useState(() => draftOf(milestone));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const touch = (f: string) => setTouched((t) => new Set(t).add(f));

  const saved = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: ["milestones"] });
    toast(message);
    onDone();
  };
  const create = useMutation({
    mutationFn: (json: Parameters<typeof api.milestones.$post>[0]["json"]) => call(api.milestones.$post({ json })),
    onSuccess: (res) => saved(`Milestone “${res.milestone.title}” added.`),
  });
  const edit = useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: Parameters<(typeof api.milestones)[":id"]["$patch"]>[0]["json"] }) =>
      call(api.milestones[":id"].$patch({ param: { id: String(id) }, json: patch })),
    onSuccess: () => saved("Milestone saved."),
    onError: (err, { id, patch }) => {
      if (!(err instanceof ApiFailure) || err.status !== 409 || !err.details?.current) return;
      const current = err.details.current as Milestone;
      const { version: _v, ...changed } = patch;
      setConflict({
        differences: Object.entries(changed).map(([k, mine]) => ({
          field: labels[k as keyof Fields] ?? k,
          mine: show(k, mine),
          theirs: show(k, (current as Record<string, unknown>)[k]),
        })),
        keepTheirs: () => {
          setConflict(null);
          void queryClient.invalidateQueries({ queryKey: ["milestones"] });
          onDone();
        },
        useMine: () => {
          setConflict(null);
          edit.mutate({ id, patch: { ...patch, version: current.version } });
        },
      });
    },
  });
  const mutation = milestone ? edit : create;

  const parsed = milestoneInputSchema.safeParse(fieldsOf(draft));
  const clientErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const linkErrors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === "evidence" && issue.path.length === 3)
        linkErrors[`${String(issue.path[1])}.${String(issue.path[2])}`] ??= issue.message;
    }
  }
  const serverErrors = apiFieldErrors(mutation.error);
  const errorFor = (f: string) => (touched.has(f) ? clientErrors[f] : undefined) ?? serverErrors[f];

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(new Set([...Object.keys(draft), "date", ...draft.evidence.flatMap((_, i) => [`evidence.${i}.title`, `evidence.${i}.url`])]));
    if (!parsed.success) return;
    const after = fieldsOf(draft);
    if (!milestone) return create.mutate(after);
    const before = fieldsOf(draftOf(milestone));
    // Send only what changed (a date always with its precision), so a conflict shows just those fields.
    const changed = Object.fromEntries(
      Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof Fields])),
    ) as Partial<Fields>;
    if (changed.date !== undefined || changed.datePrecision !== undefined)
      Object.assign(changed, { date: after.date, datePrecision: after.datePrecision });
    if (Object.keys(changed).length === 0) return onDone();
    edit.mutate({ id: milestone.id, patch: { ...changed, version: milestone.version } });
  };

  const goalChoices = [
    ...(milestone?.goals ?? []).map((g) => ({ id: g.id, title: g.title, cycleName: g.cycleName })),
    ...(goals.data?.goals ?? [])
      .filter((g) => !milestone?.goalIds.includes(g.id))
      .map((g) => ({ id: g.id, title: g.title, cycleName: g.cycleName })),
  ];
  const dateError = errorFor("date");

  return (
    <form className="form milestone-form" noValidate onSubmit={submit}>
      {mutation.error != null && Object.keys(serverErrors).length === 0 && !conflict && <ErrorMessage error={mutation.error} />}
      <Field id="ms-title" label="Title" error={errorFor("title")}>
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
      <div className="field-row">
        <Field id="ms-kind" label="Kind" error={errorFor("kind")}>
          {(p) => (
            <select {...p} value={draft.kind} onChange={(e) => set({ kind: e.target.value as MilestoneKind })}>
              {milestoneKinds.map((k) => (
                <option key={k} value={k}>
                  {milestoneKindLabels[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="ms-precision" label="Date known to" hint="Choose only as precise as the source allows" error={errorFor("datePrecision")}>
          {(p) => (
            <select {...p} value={draft.datePrecision} onChange={(e) => set({ datePrecision: e.target.value as DatePrecision })}>
              {datePrecisions.map((k) => (
                <option key={k} value={k}>
                  {datePrecisionLabels[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.datePrecision === "season" && (
          <Field id="ms-season" label="Season">
            {(p) => (
              <select {...p} value={draft.season} onChange={(e) => set({ season: e.target.value as Season })}>
                {seasons.map((s) => (
                  <option key={s} value={s}>
                    {s[0]!.toUpperCase() + s.slice(1)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          id="ms-date"
          label={draft.datePrecision === "day" ? "Date" : draft.datePrecision === "month" ? "Month" : "Year"}
          hint={draft.datePrecision === "month" ? "For example 2018-06" : draft.datePrecision === "day" ? undefined : "For example 2019"}
          error={dateError}
        >
          {(p) =>
            draft.datePrecision === "day" ? (
              <input {...p} type="date" value={draft.day} onChange={(e) => set({ day: e.target.value })} onBlur={() => touch("date")} />
            ) : draft.datePrecision === "month" ? (
              <input
                {...p}
                type="month"
                placeholder="YYYY-MM"
                value={draft.month}
                onChange={(e) => set({ month: e.target.value })}
                onBlur={() => touch("date")}
              />
            ) : (
              <input
                {...p}
                inputMode="numeric"
                maxLength={4}
                value={draft.year}
                onChange={(e) => set({ year: e.target.value.trim() })}
                onBlur={() => touch("date")}
              />
            )
          }
        </Field>
      </div>
      <Field id="ms-outcome" label="Outcome (optional)" hint="What changed because of it" error={errorFor("outcome")}>
        {(p) => <textarea {...p} rows={2} value={draft.outcome} onChange={(e) => set({ outcome: e.target.value })} />}
      </Field>
      <Field id="ms-description" label="What happened (optional)" error={errorFor("description")}>
        {(p) => <textarea {...p} rows={3} value={draft.description} onChange={(e) => set({ description: e.target.value })} />}
      </Field>
      <Field
        id="ms-notes"
        label="What is uncertain (optional)"
        hint="What the source leaves unclear: an unknown date, unnamed signatories"
        error={errorFor("notes")}
      >
        {(p) => <textarea {...p} rows={2} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} />}
      </Field>

      <fieldset className="field-group">
        <legend>Evidence links</legend>
        {draft.evidence.length === 0 && (
          <p className="hint">No links yet: add the letter, the reply, the publication or the record of the debate.</p>
        )}
        {draft.evidence.map((link, i) => {
          const at = (key: string) => (touched.has(`evidence.${i}.${key}`) ? linkErrors[`${i}.${key}`] : undefined);
          const change = (patch: Partial<typeof link>) =>
            set({ evidence: draft.evidence.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a link being typed has no identity but its place in the list
            <div className="evidence-row" key={i}>
              <Field id={`ms-evidence-${i}-title`} label={`Link ${i + 1} title`} error={at("title")}>
                {(p) => (
                  <input
                    {...p}
                    value={link.title}
                    onChange={(e) => change({ title: e.target.value })}
                    onBlur={() => touch(`evidence.${i}.title`)}
                  />
                )}
              </Field>
              <Field id={`ms-evidence-${i}-url`} label={`Link ${i + 1} address`} error={at("url")}>
                {(p) => (
                  <input
                    {...p}
                    type="url"
                    placeholder="https://"
                    value={link.url}
                    onChange={(e) => change({ url: e.target.value.trim() })}
                    onBlur={() => touch(`evidence.${i}.url`)}
                  />
                )}
              </Field>
              <button
                type="button"
                className="link-button danger-text"
                onClick={() => set({ evidence: draft.evidence.filter((_, j) => j !== i) })}
              >
                Remove link {i + 1}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="button secondary small"
          onClick={() => set({ evidence: [...draft.evidence, { title: "", url: "" }] })}
        >
          Add a link
        </button>
        {serverErrors.evidence && <p className="field-error">{serverErrors.evidence}</p>}
      </fieldset>

      <fieldset className={`field-group ${errorFor("organisationIds") ? "has-error" : ""}`}>
        <legend>Contributing organisations</legend>
        <div className="checkbox-grid">
          {orgs.data?.organisations.map((o) => (
            <label key={o.id} className="checkbox">
              <input
                type="checkbox"
                checked={draft.organisationIds.includes(o.id)}
                onChange={(e) =>
                  set({
                    organisationIds: e.target.checked
                      ? [...draft.organisationIds, o.id]
                      : draft.organisationIds.filter((id) => id !== o.id),
                  })
                }
              />{" "}
              {o.name}
            </label>
          ))}
        </div>
        {errorFor("organisationIds") && <p className="field-error">{errorFor("organisationIds")}</p>}
      </fieldset>

      <fieldset className={`field-group ${errorFor("goalIds") ? "has-error" : ""}`}>
        <legend>Goals it advanced{cycle ? ` (${cycle.name} cycle)` : ""}</legend>
        {goalChoices.length === 0 ? (
          <p className="hint">There are no goals in the chosen cycle to link to.</p>
        ) : (
          <div className="checkbox-grid">
            {goalChoices.map((g) => (
              <label key={g.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.goalIds.includes(g.id)}
                  onChange={(e) =>
                    set({ goalIds: e.target.checked ? [...draft.goalIds, g.id] : draft.goalIds.filter((id) => id !== g.id) })
                  }
                />{" "}
                {g.title}
              </label>
            ))}
          </div>
        )}
        {errorFor("goalIds") && <p className="field-error">{errorFor("goalIds")}</p>}
      </fieldset>

      <Field id="ms-visibility" label="Visible to" hint="Public milestones may appear in public exports" error={errorFor("visibility")}>
        {(p) => (
          <select {...p} value={draft.visibility} onChange={(e) => set({ visibility: e.target.value as Visibility })}>
            {visibilities.map((v) => (
              <option key={v} value={v}>
                {visibilityLabels[v]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : milestone ? "Save changes" : "Add milestone"}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
      <ConflictDialog conflict={conflict} onClose={() => setConflict(null)} />
    </form>
  );
}
