/** "Visible to": who may see a record (public, members, convenor only), as every form asks it. */
import { type Visibility, visibilities, visibilityLabels } from "@convene/domain";
import { Field } from "./field.tsx";

export function VisibilityField({
  id = "visibility",
  value,
  onChange,
  error,
  hint,
}: {
  id?: string;
  value: Visibility;
  onChange: (v: Visibility) => void;
  error?: string | undefined;
  hint?: string;
}) {
  return (
    <Field id={id} label="Visible to" error={error} {...(hint ? { hint } : {})}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value as Visibility)}>
          {visibilities.map((v) => (
            <option key={v} value={v}>
              {visibilityLabels[v]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
