/**
 * The GOV.UK error summary: after a form is refused, a box at its top saying "There is a
 * problem", with one link per field that moves focus to it. It takes focus itself when it
 * appears, so a screen reader user hears what went wrong before anything else.
 */
import { type AnyFieldMeta, useStore } from "@tanstack/react-form";
import { useContext, useEffect, useId, useRef, useState } from "react";
import { ApiFailure } from "../api.ts";
import { describeError } from "../components/states.tsx";
import { fieldId, IdPrefix, messageOf, useFormContext } from "./form-context.ts";
import { showServerErrors } from "./server-errors.ts";

interface Problem {
  id: string;
  message: string;
}

/** In the order the fields stand on the page, which is the order people read and fix them. */
function byPosition(a: Problem, b: Problem): number {
  const x = document.getElementById(a.id);
  const y = document.getElementById(b.id);
  if (!x || !y) return 0;
  return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** `error` is the last failed request (or the words for it): its named fields show beside them; anything else shows here. */
export function ErrorSummary({ error }: { error?: unknown }) {
  const form = useFormContext();
  const attempts = useStore(form.store, (s) => s.submissionAttempts);
  const fieldMeta = useStore(form.store, (s) => s.fieldMeta as Record<string, AnyFieldMeta | undefined>);
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const prefix = useContext(IdPrefix);

  const problems: Problem[] = [];
  for (const [name, meta] of Object.entries(fieldMeta)) {
    if (!meta) continue;
    const message = messageOf(meta.errorMap.onServer) ?? (attempts > 0 ? messageOf(meta.errors[0]) : undefined);
    if (message) problems.push({ id: fieldId(name, prefix), message });
  }
  problems.sort(byPosition);
  const named = error instanceof ApiFailure && (error.details?.fields?.length ?? 0) > 0;
  // A string is already the words to show (sign-in's own refusals); anything else is described.
  const general =
    typeof error === "string"
      ? error
      : error != null && !named && !(error instanceof ApiFailure && error.status === 409)
        ? describeError(error)
        : null;
  const showing = problems.length > 0 || general !== null;

  // A refused request's field messages go on their fields; then, once they are drawn, the box
  // takes focus. Focus moves on each refused attempt or failed request, not on every keystroke.
  const showingNow = useRef(showing);
  showingNow.current = showing;
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    showServerErrors(form, error);
    if (attempts > 0 || error != null) setFocusRequest((n) => n + 1);
  }, [form, attempts, error]);
  useEffect(() => {
    if (focusRequest > 0 && showingNow.current) box.current?.focus();
  }, [focusRequest]);

  if (!showing) return null;
  return (
    <div className="error-summary" ref={box} tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <h2 id={titleId} className="error-summary-title">
        There is a problem
      </h2>
      <ul className="error-summary-list">
        {general && <li>{general}</li>}
        {problems.map((p) => (
          <li key={p.id}>
            <a
              href={`#${p.id}`}
              onClick={(e) => {
                // Focus the field itself (a plain fragment link only scrolls), with its label in view.
                e.preventDefault();
                const target = document.getElementById(p.id);
                target?.focus();
                target?.closest(".field, .field-group")?.scrollIntoView({ block: "start" });
              }}
            >
              {p.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
