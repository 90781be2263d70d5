/** Long lists on the overview show their first few, with "Show all N" for the rest. */
import { useState } from "react";

export function useShowFirst<T>(items: readonly T[], first = 10) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, first);
  const toggle =
    items.length > first ? (
      <button type="button" className="link-button show-all no-print" aria-expanded={all} onClick={() => setAll((a) => !a)}>
        {all ? `Show the first ${first} only` : `Show all ${items.length}`}
      </button>
    ) : null;
  return { shown, toggle };
}
