/**
 * The kit's fields. Each reads its value and error from TanStack Form's field context, so a form
 * names a field once (`<form.AppField name="title">`) and gets the label, hint, error message,
 * aria-describedby and aria-invalid wired the same way everywhere. Values are held in the
 * shape the domain schema takes (numbers, null for "none", ISO dates), so the schema itself is
 * the form's validator; converting to and from what an <input> holds happens only here.
 */
import { type Visibility, visibilities, visibilityLabels } from "@convene/domain";
import { useState } from "react";
import { Field } from "../components/field.tsx";
import { useFieldContext, useFieldId, useShownError } from "./form-context.ts";
import { fromLocalInput, toLocalInput } from "./local-time.ts";

/** GOV.UK's date hint: an example in the order people type it, never a pattern or an ISO date. */
export const dateHint = "For example, 31 3 2027";

interface Common {
  label: string;
  hint?: string | undefined;
}

const hintOf = (hint: string | undefined) => (hint ? { hint } : {});

/** What every input shares: its id, value wiring, blur and the error beside it. */
function useKitField<T>() {
  const field = useFieldContext<T>();
  return { field, id: useFieldId(), error: useShownError(), blur: () => field.handleBlur() };
}

export function TextField({
  label,
  hint,
  type = "text",
  nullable = false,
  ...input
}: Common & {
  /** "month" is a month and year picker; its hint must say how to type one where it is a plain box. */
  type?: "text" | "email" | "url" | "password" | "month";
  inputMode?: "numeric";
  /** An empty box means "none" (null), as the schema has it, rather than "". */
  nullable?: boolean;
  maxLength?: number;
  autoComplete?: string;
  spellCheck?: boolean;
  /** The id of a <datalist> of suggestions. */
  list?: string;
}) {
  const { field, id, error, blur } = useKitField<string | null | undefined>();
  return (
    <Field id={id} label={label} error={error} {...hintOf(hint)}>
      {(p) => (
        <input
          {...p}
          {...input}
          name={field.name}
          type={type}
          value={field.state.value ?? ""}
          onChange={(e) => field.handleChange(nullable && e.target.value === "" ? null : e.target.value)}
          onBlur={blur}
        />
      )}
    </Field>
  );
}

export function TextAreaField({ label, hint, rows = 4, nullable = false }: Common & { rows?: number; nullable?: boolean }) {
  const { field, id, error, blur } = useKitField<string | null | undefined>();
  return (
    <Field id={id} label={label} error={error} {...hintOf(hint)}>
      {(p) => (
        <textarea
          {...p}
          name={field.name}
          rows={rows}
          value={field.state.value ?? ""}
          onChange={(e) => field.handleChange(nullable && e.target.value === "" ? null : e.target.value)}
          onBlur={blur}
        />
      )}
    </Field>
  );
}

/**
 * One of a fixed list of words (a status, a kind), shown by its label. `none` is the words of a
 * first, empty choice held as null: "Unchanged", or "Choose a kind" where the schema then asks.
 */
export function ChoiceField<T extends string>({
  label,
  hint,
  options,
  labels,
  none,
}: Common & { options: readonly T[]; labels: Record<T, string>; none?: string }) {
  const { field, id, error, blur } = useKitField<T | null>();
  return (
    <Field id={id} label={label} error={error} {...hintOf(hint)}>
      {(p) => (
        <select
          {...p}
          name={field.name}
          value={field.state.value ?? ""}
          onChange={(e) => field.handleChange(e.target.value === "" ? null : (e.target.value as T))}
          onBlur={blur}
        >
          {none !== undefined && <option value="">{none}</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {labels[o]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** "Visible to": who may see a record. `choices` narrows it where a role may not choose them all. */
export function VisibilityField({
  label = "Visible to",
  hint,
  choices = visibilities,
}: Partial<Common> & { choices?: readonly Visibility[] }) {
  return <ChoiceField label={label} hint={hint} options={choices} labels={visibilityLabels} />;
}

/** A record chosen by its name (a theme, an organisation); `none` is the words for choosing nothing. */
export function RecordField({
  label,
  hint,
  records,
  none,
}: Common & { records: readonly { id: number; name: string }[] | undefined; none?: string }) {
  const { field, id, error, blur } = useKitField<number | null | undefined>();
  return (
    <Field id={id} label={label} error={error} {...hintOf(hint)}>
      {(p) => (
        <select
          {...p}
          name={field.name}
          value={field.state.value ?? ""}
          onChange={(e) => field.handleChange(e.target.value ? Number(e.target.value) : null)}
          onBlur={blur}
        >
          {none !== undefined ? <option value="">{none}</option> : field.state.value == null && <option value="">Choose…</option>}
          {records?.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A calendar day. An optional date left empty is null; a required one stays "" so the schema asks for it. */
export function DateField({ label, hint, optional = false }: Common & { optional?: boolean }) {
  const { field, id, error, blur } = useKitField<string | null | undefined>();
  return (
    <Field id={id} label={label} error={error} hint={hint ? `${hint}. ${dateHint}` : dateHint}>
      {(p) => (
        <input
          {...p}
          name={field.name}
          type="date"
          value={field.state.value ?? ""}
          onChange={(e) => field.handleChange(optional && e.target.value === "" ? null : e.target.value)}
          onBlur={blur}
        />
      )}
    </Field>
  );
}

/** A moment, typed on the reader's own clock and held as an ISO instant, as the API takes it. */
export function DateTimeField({ label, hint, optional = false }: Common & { optional?: boolean }) {
  const { field, id, error, blur } = useKitField<string | null | undefined>();
  return (
    <Field id={id} label={label} error={error} hint={hint ? `${hint}. For example, 31 3 2027, 14:30` : "For example, 31 3 2027, 14:30"}>
      {(p) => (
        <input
          {...p}
          name={field.name}
          type="datetime-local"
          value={toLocalInput(field.state.value)}
          onChange={(e) => field.handleChange(optional && e.target.value === "" ? null : fromLocalInput(e.target.value))}
          onBlur={blur}
        />
      )}
    </Field>
  );
}

/**
 * A number typed in a box. What was typed is kept as typed ("1." while on the way to "1.5");
 * the form holds the number it means, NaN when it is not one, so the schema names the problem.
 */
export function NumberField({ label, hint, optional = false, whole = false }: Common & { optional?: boolean; whole?: boolean }) {
  const { field, id, error, blur } = useKitField<number | null | undefined>();
  const [text, setText] = useState(() => (field.state.value == null ? "" : String(field.state.value)));
  return (
    <Field id={id} label={label} error={error} {...hintOf(hint)}>
      {(p) => (
        <input
          {...p}
          name={field.name}
          inputMode={whole ? "numeric" : "decimal"}
          value={text}
          onChange={(e) => {
            const typed = e.target.value;
            setText(typed);
            field.handleChange(typed.trim() === "" ? (optional ? null : Number.NaN) : Number(typed.replace(/,/g, "")));
          }}
          onBlur={blur}
        />
      )}
    </Field>
  );
}

/** A yes/no question as one checkbox. */
export function CheckboxField({ label, hint, disabled = false }: Common & { disabled?: boolean }) {
  const { field, id, error, blur } = useKitField<boolean | undefined>();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field checkbox-field ${error ? "has-error" : ""}`}>
      <label className="checkbox">
        <input
          id={id}
          name={field.name}
          type="checkbox"
          checked={field.state.value ?? false}
          disabled={disabled}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => field.handleChange(e.target.checked)}
          onBlur={blur}
        />{" "}
        {label}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A group of boxes or buttons answering one question: its legend, hint and error, wired as one field. */
function FieldGroup({ id, label, hint, error, children }: Common & { id: string; error: string | undefined; children: React.ReactNode }) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`field-group ${error ? "has-error" : ""}`} aria-describedby={describedBy}>
      <legend>{label}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Several records ticked from a list (supporting organisations, linked goals). */
export function CheckboxesField({
  label,
  hint,
  records,
}: Common & { records: readonly { id: number; name: string; disabled?: boolean }[] | undefined }) {
  const { field, id, error, blur } = useKitField<number[] | undefined>();
  const chosen = field.state.value ?? [];
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      {/* The summary's link lands on the first box, the group's own id. */}
      <div className="checkbox-grid">
        {records?.map((r, i) => (
          <label key={r.id} className="checkbox">
            <input
              type="checkbox"
              {...(i === 0 ? { id } : {})}
              name={field.name}
              value={r.id}
              checked={chosen.includes(r.id)}
              disabled={r.disabled}
              aria-invalid={error ? true : undefined}
              onChange={(e) => field.handleChange(e.target.checked ? [...chosen, r.id] : chosen.filter((x) => x !== r.id))}
              onBlur={blur}
            />{" "}
            {r.name}
          </label>
        ))}
      </div>
    </FieldGroup>
  );
}

/**
 * One answer from a few, as radio buttons (an alert answer, yes or no). The summary's link lands
 * on the first button, which holds the group's id; the group's name keeps its buttons together.
 */
export function RadiosField<T extends string | boolean>({
  label,
  hint,
  options,
}: Common & { options: readonly { value: T; label: string }[] }) {
  const { field, id, error, blur } = useKitField<T | null | undefined>();
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      <div className="radio-choices">
        {options.map((o, i) => (
          <label key={String(o.value)} className="checkbox">
            <input
              type="radio"
              {...(i === 0 ? { id } : {})}
              name={id}
              value={String(o.value)}
              checked={field.state.value === o.value}
              aria-invalid={error ? true : undefined}
              onChange={() => field.handleChange(o.value)}
              onBlur={blur}
            />{" "}
            {o.label}
          </label>
        ))}
      </div>
    </FieldGroup>
  );
}
