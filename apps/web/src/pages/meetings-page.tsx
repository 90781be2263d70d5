/** All meetings the reader may see: upcoming first, then past ones, and who has been coming. */
import { type MeetingKind, meetingKindLabels, meetingKinds } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { lazy } from "react";
import { useAccess } from "../access.ts";
import type { MeetingAttendanceByYear, MeetingSummary } from "../api.ts";
import { ChartFigure } from "../components/chart-figure.tsx";
import { CsvDownload } from "../components/csv-download.tsx";
import { FilterBar, FilterSelect } from "../components/filter-select.tsx";
import { Pager } from "../components/pager.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { plural } from "../format.ts";
import { formatMeetingTime } from "../meeting-format.ts";
import { meetingAttendanceQuery, meetingPagesFor } from "../queries.ts";

const AttendanceChart = lazy(() => import("../charts/attendance-chart.tsx").then((m) => ({ default: m.AttendanceChart })));

export function MeetingsPage() {
  const search = useSearch({ from: "/app/meetings" });
  const navigate = useNavigate({ from: "/meetings" });
  const { isConvenor } = useAccess();
  const pages = meetingPagesFor(search);
  const upcomingList = useQuery(pages.upcoming);
  const pastList = useQuery(pages.past);
  const attendance = useQuery(meetingAttendanceQuery);

  if (upcomingList.isLoading || pastList.isLoading) return <SkeletonPage title="Meetings" />;
  if (upcomingList.error || !upcomingList.data) return <ErrorMessage error={upcomingList.error} retry={() => upcomingList.refetch()} />;
  if (pastList.error || !pastList.data) return <ErrorMessage error={pastList.error} retry={() => pastList.refetch()} />;

  const upcoming = upcomingList.data;
  const past = pastList.data;

  return (
    <>
      <div className="page-head">
        <h1>Meetings</h1>
        {isConvenor && (
          <Link to="/meetings/new" className="button no-print">
            Record a meeting
          </Link>
        )}
      </div>
      <p className="muted">
        The group meets formally at least twice a year, at the annual goal-setting workshop and the AGM, and also ad hoc and informally.{" "}
        <Link to="/account">Add these meetings to your own calendar</Link>.
      </p>
      <FilterBar>
        <FilterSelect
          id="kind-filter"
          label="Kind of meeting"
          allLabel="All kinds"
          value={search.kind}
          options={meetingKinds.map((k) => ({ value: k, label: meetingKindLabels[k] }))}
          // A new kind starts both lists again from their first page.
          onChange={(v) =>
            void navigate({ search: (s) => ({ ...s, page: undefined, upcoming: undefined, kind: v as MeetingKind | undefined }) })
          }
        />
      </FilterBar>
      <CsvDownload path="/data/meetings.csv" query={{ kind: search.kind }} />

      {upcoming.total + past.total === 0 ? (
        <EmptyState title={search.kind ? `No ${meetingKindLabels[search.kind]} meetings yet` : "No meetings yet"}>
          <p>Workshops, AGMs, ad hoc meetings and informal events will appear here with their agenda, minutes, attendance and decisions.</p>
          {isConvenor ? (
            <Link to="/meetings/new" className="button">
              Record the first meeting
            </Link>
          ) : (
            <p>The convenor records them.</p>
          )}
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">Upcoming</h2>
            {upcoming.total === 0 ? <p className="muted">No meeting is scheduled yet.</p> : <MeetingList meetings={upcoming.meetings} />}
            {upcoming.total > upcoming.limit && (
              <Pager
                info={upcoming}
                noun="upcoming meeting"
                onPage={(p) => void navigate({ search: (s) => ({ ...s, upcoming: p > 1 ? p : undefined }) })}
              />
            )}
          </section>
          <section aria-labelledby="past-heading">
            <h2 id="past-heading">Past meetings</h2>
            {past.total === 0 ? <p className="muted">None yet.</p> : <MeetingList meetings={past.meetings} />}
            {past.total > 0 && (
              <Pager
                info={past}
                noun="past meeting"
                onPage={(p) => void navigate({ search: (s) => ({ ...s, page: p > 1 ? p : undefined }) })}
              />
            )}
          </section>
        </>
      )}

      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">Attendance</h2>
        {attendance.isLoading ? null : attendance.error || !attendance.data ? (
          <ErrorMessage error={attendance.error} retry={() => attendance.refetch()} />
        ) : attendance.data.rows.length === 0 ? (
          <EmptyState title="No attendance recorded yet">
            <p>Once the convenor records who came to a meeting, a chart of attendance by organisation over the years will appear here.</p>
          </EmptyState>
        ) : (
          <AttendanceFigure data={attendance.data} />
        )}
      </section>
    </>
  );
}

function MeetingList({ meetings }: { meetings: MeetingSummary[] }) {
  return (
    <ul className="meeting-list">
      {meetings.map((m) => (
        <li key={m.id} className="card meeting-item">
          <p className="meeting-kind">{meetingKindLabels[m.kind]}</p>
          <h3>
            <Link to="/meetings/$meetingId" params={{ meetingId: m.id }}>
              {m.title}
            </Link>
          </h3>
          <p>{formatMeetingTime(m.startsAt, m.endsAt)}</p>
          <p className="muted small">
            {placeOf(m)}
            {" · "}
            {m.attendedCount ? `${plural(m.attendedCount, "organisation")} attended` : "Attendance not recorded"} ·{" "}
            {plural(m.decisionCount, "decision")} <VisibilityBadge visibility={m.visibility} />
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Organisations as rows, years as columns: the chart's data and its table twin. */
export function attendanceTable(data: MeetingAttendanceByYear) {
  const years = [...new Set(data.rows.map((r) => r.year))].sort();
  const byOrg = new Map<number, { name: string; counts: Map<string, number>; total: number }>();
  for (const r of data.rows) {
    const o = byOrg.get(r.organisationId) ?? { name: r.organisationName, counts: new Map(), total: 0 };
    o.counts.set(r.year, r.attended);
    o.total += r.attended;
    byOrg.set(r.organisationId, o);
  }
  const orgs = [...byOrg.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  const meetingsIn = new Map(data.years.map((y) => [y.year, y.meetings]));
  return { years, orgs, meetingsIn };
}

function AttendanceFigure({ data }: { data: MeetingAttendanceByYear }) {
  const { years, orgs, meetingsIn } = attendanceTable(data);
  const top = orgs[0]!;
  const held = years.reduce((n, y) => n + (meetingsIn.get(y) ?? 0), 0);
  const tied = orgs.filter((o) => o.total === top.total).length;
  const title =
    tied > 1
      ? `${tied} organisations share the best attendance: ${plural(top.total, "meeting")} each since ${years[0]}`
      : `${top.name} has attended most often: ${top.total} of ${plural(held, "meeting")} since ${years[0]}`;
  return (
    <ChartFigure
      title={title}
      table={{
        caption: "Meetings attended by each organisation, by year",
        columns: ["Organisation", ...years, "Total"],
        rows: orgs.map((o) => [o.name, ...years.map((y) => o.counts.get(y) ?? 0), o.total]),
      }}
    >
      <AttendanceChart
        years={years}
        rows={orgs.map((o) => ({ name: o.name, ...Object.fromEntries(years.map((y) => [y, o.counts.get(y) ?? 0])) }))}
      />
    </ChartFigure>
  );
}

/** "Protection Approaches, London", "Online", or both; never "Online and Online". */
export function placeOf(m: { place: string | null; onlineUrl: string | null }): string {
  if (m.place && m.onlineUrl) return /^online$/i.test(m.place.trim()) ? m.place : `${m.place}, and online`;
  return m.place || (m.onlineUrl ? "Online" : "Place not set");
}
