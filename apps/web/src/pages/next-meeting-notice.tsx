/**
 * For the overview's "Needs attention" area: the next meeting the reader may see and, for the
 * convenor, a warning when the chosen cycle has no annual workshop or AGM meeting scheduled.
 */
import { cycleWords } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { formatMeetingTime } from "../meeting-format.ts";
import { nextMeetingQuery } from "../queries.ts";

export function NextMeetingNotice({ cycleId }: { cycleId: number | undefined }) {
  const next = useQuery(nextMeetingQuery(cycleId));
  if (!next.data) return null;
  const { next: meeting, warning } = next.data;
  const missing = warning?.missing.map((k) => (k === "agm" ? "AGM" : "annual workshop")).join(" or ");
  return (
    <div className="next-meeting">
      <p>
        {meeting ? (
          <>
            <strong>Next meeting:</strong>{" "}
            <Link to="/meetings/$meetingId" params={{ meetingId: meeting.id }}>
              {meeting.title}
            </Link>
            , {formatMeetingTime(meeting.startsAt)}
          </>
        ) : (
          <>
            <strong>Next meeting:</strong> none scheduled yet. <Link to="/meetings">See past meetings</Link>
          </>
        )}
      </p>
      {warning && (
        <p className="notice warning-notice">
          <strong>
            The {cycleWords(warning.cycleName)} has no {missing} scheduled.
          </strong>{" "}
          The group meets formally at least twice a year. <Link to="/meetings/new">Record a meeting</Link>
        </p>
      )}
    </div>
  );
}
