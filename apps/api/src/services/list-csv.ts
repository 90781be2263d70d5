/**
 * The road map, milestones, meetings, alerts and resources lists as CSV, one row per record the
 * list on screen shows. The rows come from the same viewer-filtered queries as the lists (so
 * visibility is filtered in SQL), in the same order; every text cell goes through `toCsv`, which
 * neutralises anything a spreadsheet would run as a formula.
 */
import type { listAlerts, MeetingSummary, MilestoneRecord, ResourceRecord, RoadmapItemRecord } from "@convene/db";
import {
  alertKindLabels,
  alertStateLabels,
  alertUrgencyLabels,
  datePrecisionLabels,
  formatPreciseDate,
  meetingKindLabels,
  milestoneKindLabels,
  roadmapStatusLabels,
  visibilityLabels,
} from "@convene/domain";
import { toCsv } from "./csv.ts";

type Alert = Awaited<ReturnType<typeof listAlerts>>[number];

export function roadmapCsv(items: readonly RoadmapItemRecord[]): string {
  return toCsv(
    [
      "id",
      "title",
      "workstream",
      "start_date",
      "end_date",
      "status",
      "percent_complete",
      "overdue",
      "goal",
      "depends_on",
      "visible_to",
      "description",
    ],
    items.map((r) => [
      r.id,
      r.title,
      r.workstream,
      r.startDate,
      r.endDate,
      roadmapStatusLabels[r.status],
      r.shownPercent,
      r.overdue ? "yes" : "no",
      r.goal?.title,
      r.dependsOnTitles.join("; "),
      visibilityLabels[r.visibility],
      r.description,
    ]),
  );
}

export function milestonesCsv(milestones: readonly MilestoneRecord[]): string {
  return toCsv(
    ["id", "date", "date_precision", "when", "title", "kind", "organisations", "goals", "evidence", "visible_to", "description", "outcome"],
    milestones.map((m) => [
      m.id,
      m.date,
      datePrecisionLabels[m.datePrecision],
      formatPreciseDate(m.date, m.datePrecision),
      m.title,
      milestoneKindLabels[m.kind],
      m.organisations.map((o) => o.shortName).join("; "),
      m.goals.map((g) => g.title).join("; "),
      m.evidence.map((e) => e.url).join(" "),
      visibilityLabels[m.visibility],
      m.description,
      m.outcome,
    ]),
  );
}

export function meetingsCsv(meetings: readonly MeetingSummary[]): string {
  return toCsv(
    ["id", "starts_at", "ends_at", "title", "kind", "cycle", "place", "online_url", "organisations_attended", "decisions", "visible_to"],
    meetings.map((m) => [
      m.id,
      m.startsAt,
      m.endsAt,
      m.title,
      meetingKindLabels[m.kind],
      m.cycleName,
      m.place,
      m.onlineUrl,
      m.attendedCount,
      m.decisionCount,
      visibilityLabels[m.visibility],
    ]),
  );
}

export function alertsCsv(alerts: readonly Alert[]): string {
  return toCsv(
    [
      "id",
      "title",
      "kind",
      "urgency",
      "state",
      "deadline",
      "raised_by",
      "raised_by_organisation",
      "joining",
      "cannot",
      "need_info",
      "successful",
      "outcome",
      "visible_to",
      "ask",
      "situation",
    ],
    alerts.map((a) => [
      a.id,
      a.title,
      alertKindLabels[a.kind],
      alertUrgencyLabels[a.urgency],
      alertStateLabels[a.state],
      a.deadline,
      a.raisedByName,
      a.raisedByOrganisationName,
      a.tally.join,
      a.tally.cannot,
      a.tally.need_info,
      a.successful === null ? null : a.successful ? "yes" : "no",
      a.outcome,
      visibilityLabels[a.visibility],
      a.ask,
      a.situation,
    ]),
  );
}

export function resourcesCsv(resources: readonly ResourceRecord[]): string {
  return toCsv(
    ["id", "title", "url", "tags", "added_by", "added_on", "visible_to", "description"],
    resources.map((r) => [
      r.id,
      r.title,
      r.url,
      r.tags.join("; "),
      r.createdByName,
      r.createdAt.slice(0, 10),
      visibilityLabels[r.visibility],
      r.description,
    ]),
  );
}
