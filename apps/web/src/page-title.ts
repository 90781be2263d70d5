/**
 * Each page's document title (WCAG 2.4.2), most specific first: "Goals — Demo cycle — Convene".
 * Routes declare theirs; a page about one record names it once loaded.
 */
import { useEffect } from "react";

export const pageTitle = (...parts: (string | null | undefined)[]) => [...parts.filter(Boolean), "Convene"].join(" — ");

/** Names the page after what it shows (a goal's title), once that is known. */
export function usePageTitle(...parts: (string | null | undefined)[]) {
  const title = pageTitle(...parts);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
