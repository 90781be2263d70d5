/**
 * Around every page: the document title each route declares (WCAG 2.4.2), and focus moved to
 * the new page's main heading after a navigation, so a screen reader announces where you are.
 */
import { Outlet, useRouter, useRouterState } from "@tanstack/react-router";
import { useEffect } from "react";

/** Focus the page's heading once it is drawn (a page still loading draws its skeleton's heading). */
function focusHeading(triesLeft = 30) {
  const heading = document.querySelector<HTMLElement>("main h1");
  if (!heading) {
    if (triesLeft > 0) requestAnimationFrame(() => focusHeading(triesLeft - 1));
    return;
  }
  heading.tabIndex = -1;
  heading.focus();
}

export function RootLayout() {
  const router = useRouter();
  const title = useRouterState({
    select: (s) => {
      for (const match of [...s.matches].reverse()) {
        const t = match.meta?.find((m) => m?.title)?.title;
        if (t) return t;
      }
      return undefined;
    },
  });
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
  useEffect(
    () =>
      router.subscribe("onRendered", (e) => {
        // Not on the first page load (focus starts at the top, as browsers do), nor when only
        // the search changes (a filter): only when the person has moved to another page.
        if (e.fromLocation && e.pathChanged) focusHeading();
      }),
    [router],
  );
  return <Outlet />;
}
