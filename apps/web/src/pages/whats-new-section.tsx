/**
 * "What's new since your last visit" on the overview: new goals, progress updates, milestones,
 * alerts, meetings, road map items, closed proposals and published statements the person may see, newest first. Reading does not clear
 * it; "Mark as seen" moves the person's mark up to the moment the feed was read.
 */
import { daysBetween, isoDate } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { api, call, type FeedItem } from "../api.ts";
import { CollapsibleSection } from "../components/collapsible-section.tsx";
import { ErrorMessage, Skeleton } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { formatDate, formatDateTime, plural } from "../format.ts";
import { feedQuery } from "../queries.ts";

const kindLabels: Record<FeedItem["kind"], string> = {
  goal: "New goal",
  update: "Progress update",
  milestone: "Milestone",
  alert: "Alert raised",
  alert_closed: "Alert ended",
  meeting: "Meeting",
  roadmap: "Road map",
  proposal_closed: "Proposal closed",
  statement_published: "Statement published",
};

/** How many items show before "Show all". */
const FIRST = 8;

/** "today", "yesterday", "3 days ago" within a week; the date after that. */
export function whenWords(iso: string, now = new Date()): string {
  // Calendar days where the reader is, not in UTC: "yesterday" is their yesterday.
  const local = (d: Date) => isoDate(new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())));
  const days = daysBetween(local(new Date(iso)), local(now));
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 7) return `${days} days ago`;
  return formatDate(iso);
}

function ItemLink({ item }: { item: FeedItem }) {
  switch (item.kind) {
    case "goal":
    case "update":
      return (
        <Link to="/goals/$goalId" params={{ goalId: item.id }} hash={item.kind === "update" ? "updates-heading" : undefined}>
          {item.title}
        </Link>
      );
    case "milestone":
      return (
        <Link to="/milestones" hash={`milestone-${item.id}`}>
          {item.title}
        </Link>
      );
    case "alert":
    case "alert_closed":
      return (
        <Link to="/alerts/$alertId" params={{ alertId: item.id }}>
          {item.title}
        </Link>
      );
    case "meeting":
      return (
        <Link to="/meetings/$meetingId" params={{ meetingId: item.id }}>
          {item.title}
        </Link>
      );
    case "roadmap":
      return <Link to="/roadmap">{item.title}</Link>;
    case "proposal_closed":
      return (
        <Link to="/proposals/$proposalId" params={{ proposalId: item.id }}>
          {item.title}
        </Link>
      );
    case "statement_published":
      return (
        <Link to="/statements/$statementId" params={{ statementId: item.id }}>
          {item.title}
        </Link>
      );
  }
}

function detailWords(item: FeedItem): string {
  if (item.kind === "meeting")
    return item.detail ? `${item.detail < new Date().toISOString() ? "Met on" : "Meets on"} ${formatDateTime(item.detail)}` : "";
  if (item.kind === "roadmap") return item.detail ? `Workstream: ${item.detail}` : "";
  if (item.kind === "proposal_closed") return item.detail ? `Outcome: ${item.detail}` : "Outcome not yet recorded";
  if (item.kind === "statement_published") return item.detail ? `Published ${formatDate(item.detail)}` : "";
  return item.detail;
}

export function WhatsNewSection() {
  const feed = useQuery(feedQuery);
  const queryClient = useQueryClient();
  const toast = useToast();
  const [showAll, setShowAll] = useState(false);
  const seen = useMutation({
    mutationFn: (until: string) => call(api.feed.seen.$post({ json: { until } })),
    onSuccess: () => {
      setShowAll(false);
      void queryClient.invalidateQueries({ queryKey: ["feed"] });
      toast("Marked as seen. New changes will appear here.");
    },
  });
  const data = feed.data;
  const since = data ? (data.firstVisit ? "in the last 14 days" : `since your last visit on ${formatDate(data.lastSeenAt)}`) : "";
  const items = data ? (showAll ? data.items : data.items.slice(0, FIRST)) : [];

  return (
    <CollapsibleSection
      name="whats-new"
      title="What's new"
      className="whats-new"
      actions={
        data &&
        data.items.length > 0 && (
          <button
            type="button"
            className="button secondary small no-print"
            disabled={seen.isPending}
            onClick={() => seen.mutate(data.asOf)}
          >
            {seen.isPending ? "Marking…" : "Mark as seen"}
          </button>
        )
      }
    >
      {feed.isLoading ? (
        <Skeleton lines={3} />
      ) : feed.error || !data ? (
        <ErrorMessage error={feed.error} retry={() => feed.refetch()} />
      ) : data.items.length === 0 ? (
        <p className="muted">
          Nothing new {since}. New goals, progress updates, milestones, alerts, meetings, closed proposals and published statements will
          appear here as they are added.
        </p>
      ) : (
        <>
          <p className="muted small">
            {plural(data.items.length, "change")} {since}.
          </p>
          {seen.error && <ErrorMessage error={seen.error} />}
          <ul className="feed-list">
            {items.map((item) => (
              <li key={`${item.kind}-${item.id}-${item.at}`}>
                <span className={`feed-kind feed-kind-${item.kind}`}>{kindLabels[item.kind]}</span>
                <span className="feed-title">
                  <ItemLink item={item} />
                  {detailWords(item) && <span className="muted small"> · {detailWords(item)}</span>}
                </span>
                <time className="feed-when muted small" dateTime={item.at} title={formatDateTime(item.at)}>
                  {whenWords(item.at)}
                </time>
              </li>
            ))}
          </ul>
          {data.items.length > FIRST && (
            <button type="button" className="link-button" onClick={() => setShowAll(!showAll)}>
              {showAll ? "Show fewer" : `Show all ${data.items.length}`}
            </button>
          )}
        </>
      )}
    </CollapsibleSection>
  );
}
