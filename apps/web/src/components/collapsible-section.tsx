/**
 * An overview section a person can fold away; the choice is remembered in this browser, so a
 * convenor who never reads "What's new" does not scroll past it every visit.
 */
import { useId, useState } from "react";

const key = (name: string) => `convene.collapsed.${name}`;

function rememberedClosed(name: string): boolean {
  try {
    return localStorage.getItem(key(name)) === "1";
  } catch {
    return false; // storage refused (private browsing): every section starts open
  }
}

export function CollapsibleSection({
  name,
  title,
  className,
  actions,
  children,
}: {
  /** Stable name the choice is remembered under. */
  name: string;
  title: React.ReactNode;
  className?: string;
  /** Buttons beside the heading (e.g. "Mark as seen"), shown while the section is open. */
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  const id = useId();
  const [open, setOpen] = useState(() => !rememberedClosed(name));
  const toggle = () => {
    setOpen((o) => {
      try {
        if (o) localStorage.setItem(key(name), "1");
        else localStorage.removeItem(key(name));
      } catch {
        // The section still folds for this visit.
      }
      return !o;
    });
  };
  return (
    <section aria-labelledby={`${id}-heading`} className={`collapsible ${className ?? ""}`} data-section={name}>
      <div className="section-head">
        <h2 id={`${id}-heading`} className="collapsible-heading">
          <button type="button" className="collapsible-toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={toggle}>
            <span aria-hidden="true" className="collapsible-icon">
              {open ? "▾" : "▸"}
            </span>{" "}
            {title}
          </button>
        </h2>
        {open && actions}
      </div>
      <div id={`${id}-body`} hidden={!open}>
        {open && children}
      </div>
    </section>
  );
}
