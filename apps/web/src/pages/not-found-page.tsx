import { Link } from "@tanstack/react-router";

export function NotFoundPage() {
  return (
    <main id="main" className="narrow-page">
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have been moved, or the link may be incomplete.</p>
      <p>
        <Link to="/">Go to the overview</Link>
      </p>
    </main>
  );
}
