/**
 * Presentation mode: the AGM deck as HTML, drawn from the same slide model as the PowerPoint file
 * (@convene/slides/model). Full screen on a button; arrows, PageUp/PageDown, space, Home and End
 * move between slides, as a presentation clicker sends them. Printing gives one slide per page.
 */
import { type AgmAudience, goalStatusLabels } from "@convene/domain";
import { deckSlides, type Slide } from "@convene/slides/model";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { AgmExport } from "../api.ts";
import { ErrorMessage, Skeleton } from "../components/states.tsx";
import { StatusIcon } from "../components/status-badge.tsx";
import { agmQuery } from "../queries.ts";

const SlideChart = lazy(() => import("../charts/charts.tsx").then((m) => ({ default: m.SlideChart })));

export function PresentPage() {
  const search = useSearch({ strict: false }) as { cycle?: number; audience?: AgmAudience; slide?: number };
  const audience = search.audience ?? "members";
  const agm = useQuery({ ...agmQuery(search.cycle ?? 0, audience), enabled: search.cycle !== undefined });

  if (search.cycle === undefined) {
    return (
      <main className="present-message">
        <h1>Presentation mode</h1>
        <p>Choose a cycle on the Exports page, then press Present.</p>
        <Link to="/exports" className="button">
          Go to Exports
        </Link>
      </main>
    );
  }
  if (agm.isLoading) {
    return (
      <main className="present-message">
        <h1>Preparing the slides…</h1>
        <Skeleton lines={6} height="2rem" />
      </main>
    );
  }
  if (agm.error || !agm.data) {
    return (
      <main className="present-message">
        <h1>Presentation mode</h1>
        <ErrorMessage error={agm.error} retry={() => agm.refetch()} />
        <Link to="/exports">Back to Exports</Link>
      </main>
    );
  }
  return <Deck data={agm.data} initial={search.slide ?? 1} />;
}

function Deck({ data, initial }: { data: AgmExport; initial: number }) {
  const slides = useMemo(() => deckSlides(data.report), [data.report]);
  const [index, setIndex] = useState(Math.min(Math.max(initial, 1), slides.length) - 1);
  const navigate = useNavigate();
  const root = useRef<HTMLDivElement>(null);
  const [fullScreen, setFullScreen] = useState(false);
  const [tables, setTables] = useState(false);

  const go = useCallback(
    (to: number) => {
      const next = Math.min(Math.max(to, 0), slides.length - 1);
      setIndex(next);
      void navigate({ to: ".", search: (prev) => ({ ...prev, slide: next + 1 }), replace: true });
    },
    [navigate, slides.length],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      // Space and Enter keep their meaning on the deck's own buttons and links.
      if ((e.key === " " || e.key === "Enter") && target?.closest("button, a, input")) return;
      // In full screen the browser takes Escape to leave full screen; otherwise it leaves the presentation.
      if (e.key === "Escape" && !document.fullscreenElement) {
        e.preventDefault();
        void navigate({ to: "/exports", search: { cycle: data.report.cycle.id, audience: data.report.audience } });
        return;
      }
      const to = slideForKey(e.key, index, slides.length - 1);
      if (to === null) return;
      e.preventDefault();
      go(to);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, index, slides.length, navigate, data.report.cycle.id, data.report.audience]);

  useEffect(() => {
    const sync = () => setFullScreen(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", sync);
    return () => document.removeEventListener("fullscreenchange", sync);
  }, []);

  const toggleFullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void root.current?.requestFullscreen?.().catch(() => undefined);
  };

  const current = slides[index]!;
  return (
    <div className="present" ref={root}>
      <h1 className="visually-hidden">
        Presentation: {data.report.groupName}, AGM {data.report.cycle.name}
      </h1>
      <div className="present-stage">
        {slides.map((s, i) => (
          <section
            key={s.id}
            className={`present-slide slide-kind-${s.kind}${i === index ? " current" : ""}`}
            aria-roledescription="slide"
            aria-label={`Slide ${i + 1} of ${slides.length}: ${s.title}`}
            aria-hidden={i === index ? undefined : true}
          >
            <SlideBody slide={s} showTable={tables} />
            <p className="present-number" aria-hidden="true">
              {i + 1} / {slides.length}
            </p>
          </section>
        ))}
      </div>
      <nav className="present-controls no-print" aria-label="Slides">
        <button type="button" className="button small secondary" onClick={() => go(index - 1)} disabled={index === 0}>
          Previous
        </button>
        <p className="present-counter" aria-live="polite">
          <span className="visually-hidden">Slide </span>
          {index + 1} / {slides.length}
        </p>
        <button type="button" className="button small secondary" onClick={() => go(index + 1)} disabled={index === slides.length - 1}>
          Next
        </button>
        {current.kind === "chart" && (
          <button type="button" className="button small secondary" aria-pressed={tables} onClick={() => setTables((t) => !t)}>
            {tables ? "Show as chart" : "Show as table"}
          </button>
        )}
        <button type="button" className="button small" onClick={toggleFullScreen}>
          {fullScreen ? "Leave full screen" : "Full screen"}
        </button>
        <button type="button" className="button small secondary" onClick={() => window.print()}>
          Print handout
        </button>
        <Link className="present-exit" to="/exports" search={{ cycle: data.report.cycle.id, audience: data.report.audience }}>
          Leave presentation
        </Link>
      </nav>
    </div>
  );
}

/** Where a key sends the deck: the keys a keyboard or a presentation clicker sends. */
function slideForKey(key: string, index: number, last: number): number | null {
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
    case "PageDown":
    case " ":
      return index + 1;
    case "ArrowLeft":
    case "ArrowUp":
    case "PageUp":
      return index - 1;
    case "Home":
      return 0;
    case "End":
      return last;
    default:
      return null;
  }
}

function SlideBody({ slide, showTable }: { slide: Slide; showTable: boolean }) {
  switch (slide.kind) {
    case "title":
      return (
        <div className="present-cover">
          <h2>{slide.title}</h2>
          <p className="present-lead">{slide.subtitle}</p>
          <p>{slide.date}</p>
        </div>
      );
    case "figures":
      return (
        <>
          <h2>{slide.title}</h2>
          <ul className="present-figures">
            {slide.figures.map((f) => (
              <li key={f.words}>
                <strong>{f.value}</strong> {f.words}
              </li>
            ))}
          </ul>
        </>
      );
    case "goals":
      return (
        <>
          <h2>{slide.title}</h2>
          <p className="present-lead">{slide.subtitle}</p>
          <ul className="present-goals">
            {slide.goals.map((g, i) => (
              // Goal titles can repeat after fitting; the list never reorders.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i}>
                <span className={`status status-${g.status}`}>
                  <StatusIcon status={g.status} />
                  {goalStatusLabels[g.status]}
                </span>
                <span className="present-goal-title">
                  {g.title}
                  <small>{g.detail}</small>
                </span>
                <span className="present-goal-progress">{g.progress}</span>
              </li>
            ))}
          </ul>
          {slide.more && <p className="present-more">{slide.more}</p>}
        </>
      );
    case "chart":
      return (
        <>
          <h2>{slide.title}</h2>
          <p className="present-lead">{slide.subtitle}</p>
          {showTable ? (
            <SlideTable table={slide.table} />
          ) : (
            <>
              <div className="present-chart" aria-hidden="true">
                <Suspense fallback={<Skeleton lines={5} height="2rem" />}>
                  <SlideChart chart={slide.chart} />
                </Suspense>
              </div>
              <div className="visually-hidden">
                <SlideTable table={slide.table} />
              </div>
            </>
          )}
        </>
      );
    case "list":
      return (
        <>
          <h2>{slide.title}</h2>
          <p className="present-lead">{slide.subtitle}</p>
          <ul className="present-list">
            {slide.items.map((it, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items can repeat after fitting; the list never reorders
              <li key={i}>
                {it.text}
                <small>{it.detail}</small>
              </li>
            ))}
          </ul>
          {slide.more && <p className="present-more">{slide.more}</p>}
        </>
      );
    case "timeline":
      return (
        <>
          <h2>{slide.title}</h2>
          <p className="present-lead">{slide.subtitle}</p>
          <ol className="present-timeline">
            {slide.events.map((e) => (
              <li key={`${e.date}-${e.title}`}>
                <strong>{e.date}</strong>
                {e.title}
              </li>
            ))}
          </ol>
        </>
      );
    case "names":
      return (
        <>
          <h2>{slide.title}</h2>
          <p className="present-lead">{slide.subtitle}</p>
          <ul className="present-names">
            {slide.names.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: names can repeat after fitting; the list never reorders
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      );
    case "message":
      return (
        <>
          <h2>{slide.title}</h2>
          <p className="present-message-text">{slide.text}</p>
        </>
      );
  }
}

function SlideTable({ table }: { table: { caption: string; columns: string[]; rows: string[][] } }) {
  return (
    <div className="table-scroll">
      <table className="data-table present-table">
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows never reorder
            <tr key={i}>
              {r.map((cell, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells never reorder
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
