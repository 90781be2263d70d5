/**
 * Convene's form kit: every form in the dashboard is built from this.
 *
 * Built on TanStack Form (@tanstack/react-form 1.33.5, pinned). Why this library:
 * - it takes a Standard Schema validator directly, and zod 4 is one, so the domain's own schema
 *   (the one the API validates with) is the form's validator with no resolver package in
 *   between, and its messages are the form's messages;
 * - its values and field names are typed from the form's default values, so `name="dueDate"`
 *   is checked by the compiler like the rest of the typed client;
 * - it sits with the router, query and table libraries already here (one maintainer, one
 *   release rhythm), declares React 17–19 as peers and no Node engine limit, so it runs on
 *   Node 20 and React 19 as pinned.
 * react-hook-form with @hookform/resolvers was the other choice; it keeps values in the DOM
 * (uncontrolled inputs), which fits our converted fields (dates as ISO, ids as numbers, null for
 * "none") less well than TanStack Form's controlled values.
 *
 * Use: `const form = useAppForm({ defaultValues, validators: { onChange: schema }, onSubmit })`,
 * then `<form.AppForm><form.Form error={mutation.error}> <form.AppField name="title">{(f) =>
 * <f.TextField label="Title" />}</form.AppField> … <form.SubmitButton label="Save" /></form.Form></form.AppForm>`.
 */
import { createFormHook, useStore } from "@tanstack/react-form";
import { ErrorSummary } from "./error-summary.tsx";
import {
  CheckboxesField,
  CheckboxField,
  ChoiceField,
  DateField,
  DateTimeField,
  NumberField,
  RadiosField,
  RecordField,
  TextAreaField,
  TextField,
  VisibilityField,
} from "./fields.tsx";
import { fieldContext, formContext, IdPrefix, useFormContext } from "./form-context.ts";

/** The <form> itself: no browser validation bubbles (the kit's messages replace them), the summary on top. */
function Form({
  error,
  className = "form",
  idPrefix = "",
  children,
}: {
  error?: unknown;
  className?: string;
  /** Needed only where two forms share a page. */
  idPrefix?: string;
  children: React.ReactNode;
}) {
  const form = useFormContext();
  return (
    <IdPrefix.Provider value={idPrefix}>
      <form
        className={className}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          e.stopPropagation();
          void form.handleSubmit();
        }}
      >
        <ErrorSummary error={error} />
        {children}
      </form>
    </IdPrefix.Provider>
  );
}

function SubmitButton({
  label,
  busy,
  busyLabel = "Saving…",
  className = "button",
}: {
  label: string;
  busy?: boolean;
  busyLabel?: string;
  className?: string;
}) {
  const form = useFormContext();
  const submitting = useStore(form.store, (s) => s.isSubmitting);
  const waiting = busy || submitting;
  return (
    <button type="submit" className={className} disabled={waiting}>
      {waiting ? busyLabel : label}
    </button>
  );
}

/** The row under a form: its submit button, then Cancel when `onCancel` is given, then whatever else belongs there (Delete). */
function Actions({
  label,
  busy,
  busyLabel,
  onCancel,
  children,
}: {
  label: string;
  busy?: boolean;
  busyLabel?: string;
  onCancel?: () => void;
  children?: React.ReactNode;
}) {
  return (
    <div className="actions">
      <SubmitButton label={label} {...(busy === undefined ? {} : { busy })} {...(busyLabel ? { busyLabel } : {})} />
      {onCancel && (
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
      {children}
    </div>
  );
}

export const { useAppForm, withForm } = createFormHook({
  fieldContext,
  formContext,
  fieldComponents: {
    TextField,
    TextAreaField,
    ChoiceField,
    VisibilityField,
    RecordField,
    DateField,
    DateTimeField,
    NumberField,
    RadiosField,
    CheckboxField,
    CheckboxesField,
  },
  formComponents: { Form, SubmitButton, Actions },
});
