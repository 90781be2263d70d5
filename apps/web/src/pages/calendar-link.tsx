/**
 * On the account page: a private link to subscribe to the group's meetings in Outlook, Google or
 * Apple calendars. Convene keeps only a fingerprint of the link, so it is shown once, when made;
 * making a new one stops the old one working.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, call } from "../api.ts";
import { ConfirmDialog } from "../components/dialog.tsx";
import { ErrorMessage, Skeleton } from "../components/states.tsx";
import { formatDateTime } from "../format.ts";
import { calendarLinkQuery } from "../queries.ts";

export function CalendarLink() {
  const status = useQuery(calendarLinkQuery);
  const queryClient = useQueryClient();
  const [made, setMade] = useState<{ url: string; webcalUrl: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState<"new" | "stop" | null>(null);
  const make = useMutation({
    mutationFn: () => call(api.meetings["calendar-link"].$post()),
    onSuccess: (res) => {
      setMade(res);
      setCopied(false);
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: ["meetings", "calendar-link"] });
    },
  });
  const stop = useMutation({
    mutationFn: () => call(api.meetings["calendar-link"].$delete()),
    onSuccess: () => {
      setMade(null);
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: ["meetings", "calendar-link"] });
    },
  });
  const link = status.data?.link;

  const copy = async () => {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section aria-labelledby="calendar-heading" className="calendar-link">
      <h2 id="calendar-heading">Meetings in your calendar</h2>
      <p>
        Subscribe to this private link in Outlook, Google Calendar or Apple Calendar and the group's meetings that you may see appear there,
        kept up to date. Anyone with the link can see those meetings, so keep it to yourself.
      </p>
      {status.isLoading ? (
        <Skeleton lines={1} />
      ) : made ? (
        <div className="success-box">
          <label htmlFor="calendar-url">Your calendar link</label>
          <div className="copy-row">
            <input id="calendar-url" readOnly value={made.url} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="button" onClick={() => void copy()}>
              {copied ? "Copied" : "Copy link"}
            </button>
          </div>
          <p className="small" aria-live="polite">
            {copied ? "Copied. " : ""}Convene shows this link only now. <a href={made.webcalUrl}>Open it in your calendar app</a>.
          </p>
        </div>
      ) : link ? (
        <p>
          You made a calendar link on {formatDateTime(link.createdAt)}. For safety Convene cannot show it again; if you have lost it, make a
          new one.
        </p>
      ) : (
        <p className="muted">You have no calendar link yet.</p>
      )}
      {(make.error || stop.error) && <ErrorMessage error={make.error ?? stop.error} />}
      <div className="action-row">
        <button
          type="button"
          className="button secondary"
          disabled={make.isPending}
          onClick={() => (link ? setConfirming("new") : make.mutate())}
        >
          {link ? "Make a new link" : "Make my calendar link"}
        </button>
        {link && (
          <button type="button" className="link-button danger-text" onClick={() => setConfirming("stop")}>
            Stop my calendar link
          </button>
        )}
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={confirming === "new" ? "Make a new calendar link?" : "Stop your calendar link?"}
        confirmLabel={confirming === "new" ? "Make a new link" : "Stop the link"}
        busy={make.isPending || stop.isPending}
        onConfirm={() => (confirming === "new" ? make.mutate() : stop.mutate())}
        onCancel={() => setConfirming(null)}
      >
        <p>
          Your current link stops working at once, and calendars subscribed to it stop updating.
          {confirming === "new" ? " Subscribe to the new link instead." : ""}
        </p>
      </ConfirmDialog>
    </section>
  );
}
