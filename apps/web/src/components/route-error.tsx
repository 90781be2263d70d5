/**
 * What a route shows when it cannot: "Only the convenor can do this" for a page that is the
 * convenor's, "not found" for a record that is gone or hidden (asking again will not change
 * that, so no "Try again"), and otherwise what went wrong with a way to try again.
 */
import { Link } from "@tanstack/react-router";
import { NotAllowed } from "../access.ts";
import { ApiFailure } from "../api.ts";
import { usePageTitle } from "../page-title.ts";
import { ErrorMessage } from "./states.tsx";

export function RouteError({ error, reset }: { error: unknown; reset: () => void }) {
  const notAllowed = error instanceof NotAllowed || (error instanceof ApiFailure && error.status === 403);
  const notFound = error instanceof ApiFailure && error.status === 404;
  usePageTitle(notAllowed ? "Only the convenor can do this" : notFound ? "Not found" : "Something went wrong");
  if (notAllowed) {
    return (
      <>
        <h1>Only the convenor can do this</h1>
        <p>Your account can read this part of Convene but not change it. If something here needs changing, ask the convenor.</p>
        <p>
          <Link to="/">Go to the overview</Link>
        </p>
      </>
    );
  }
  if (notFound) {
    return (
      <>
        <h1>Not found</h1>
        <p>There is nothing here that your account can see. It may have been deleted, or it may not be shared with you.</p>
        <p>
          <Link to="/">Go to the overview</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Something went wrong</h1>
      <ErrorMessage error={error} retry={reset} />
    </>
  );
}
