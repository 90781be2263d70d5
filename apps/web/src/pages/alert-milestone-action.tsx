/**
 * On a closed alert: "Record as milestone" for the convenor when the outcome was successful
 * (one server step that creates the milestone and links it to the alert), and, once recorded, a
 * link to the milestone for everyone who may see the alert.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type AlertDetail, api, call } from "../api.ts";
import { ErrorMessage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { formatDate, plural } from "../format.ts";

export function AlertMilestoneAction({ detail, isConvenor }: { detail: AlertDetail; isConvenor: boolean }) {
  const a = detail.alert;
  const queryClient = useQueryClient();
  const toast = useToast();
  const record = useMutation({
    mutationFn: () => call(api.alerts[":id"].milestone.$post({ param: { id: String(a.id) }, json: { version: a.version } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
      void queryClient.invalidateQueries({ queryKey: ["milestones"] });
      void queryClient.invalidateQueries({ queryKey: ["feed"] });
      toast("Recorded as a milestone.");
    },
  });
  const milestoneId = record.data?.milestone.id ?? a.milestoneId;
  if (milestoneId) {
    const year = Number((a.closedAt ?? a.updatedAt).slice(0, 4));
    return (
      <p>
        Recorded as a milestone:{" "}
        <Link to="/milestones" search={{ year }} hash={`milestone-${milestoneId}`}>
          see it on the milestones timeline
        </Link>
        .
      </p>
    );
  }
  if (!isConvenor || a.state !== "closed" || !a.successful) return null;
  const joined = detail.answers.filter((x) => x.response === "join").length;
  return (
    <div className="no-print record-milestone">
      {record.error && <ErrorMessage error={record.error} />}
      <button type="button" className="button" disabled={record.isPending} onClick={() => record.mutate()}>
        {record.isPending ? "Recording…" : "Record as milestone"}
      </button>
      <p className="muted small">
        Adds “{a.title}” to the milestones timeline as a statement dated {formatDate(a.closedAt)}, with the {plural(joined, "organisation")}{" "}
        that joined. You can edit it there afterwards.
      </p>
    </div>
  );
}
