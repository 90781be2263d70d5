/**
 * The filter bar over a list, and the drop-downs in it. Each list page keeps its filters in the
 * URL (so a pasted link reproduces the view); these only draw them the same way everywhere.
 */
import { useQuery } from "@tanstack/react-query";
import { organisationsQuery } from "../queries.ts";

/** A labelled filter drop-down whose first choice means "no filter" (the value is then undefined). */
export function FilterSelect({
  id,
  label,
  allLabel,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  allLabel: string;
  value: string | number | undefined;
  options: readonly { value: string | number; label: string }[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Organisation": the filter several lists share, its choices the member organisations. */
export function OrganisationFilter({ value, onChange }: { value: number | undefined; onChange: (id: number | undefined) => void }) {
  const orgs = useQuery(organisationsQuery);
  return (
    <FilterSelect
      id="filter-org"
      label="Organisation"
      allLabel="All organisations"
      value={value}
      options={orgs.data?.organisations.map((o) => ({ value: o.id, label: o.name })) ?? []}
      onChange={(v) => onChange(v ? Number(v) : undefined)}
    />
  );
}

/**
 * The bar itself: a search landmark that never submits (every filter applies as it changes),
 * with "Clear filters" once any is set. `onClear` resets the page's filters, not its order or view.
 */
export function FilterBar({
  label,
  filtered = false,
  onClear,
  children,
}: {
  /** Names the landmark where a page has more than one, or the list is not obvious from the heading. */
  label?: string;
  filtered?: boolean;
  onClear?: () => void;
  children: React.ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not yet in React's JSX types
    <form className="filters no-print" role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
      {filtered && onClear && (
        <button type="button" className="button secondary" onClick={onClear}>
          Clear filters
        </button>
      )}
    </form>
  );
}
