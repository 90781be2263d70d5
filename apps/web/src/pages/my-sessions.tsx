/**
 * On the account page: where I am signed in, so that someone whose laptop or phone has gone
 * missing, or who sees a device that is not theirs, can end that session at once.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { api, call } from "../api.ts";
import { ConfirmDialog } from "../components/dialog.tsx";
import { ErrorMessage, Skeleton } from "../components/states.tsx";
import { formatDateTime } from "../format.ts";

const sessionsQuery = queryOptions({
  queryKey: ["sessions"],
  queryFn: () => call(api.sessions.$get()),
});

export function MySessions() {
  const list = useQuery(sessionsQuery);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirmingOthers, setConfirmingOthers] = useState(false);
  const [ended, setEnded] = useState<string | null>(null);
  const endOne = useMutation({
    mutationFn: (id: string) => call(api.sessions[":id"].$delete({ param: { id } })),
    onSuccess: async (res) => {
      if (res.current) {
        // This device's own session has gone: it is signed out, as with the header's "Sign out".
        queryClient.clear();
        await navigate({ to: "/sign-in" });
        return;
      }
      setEnded("That session has ended: the device there is signed out.");
      await queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey });
    },
  });
  const endOthers = useMutation({
    mutationFn: () => call(api.sessions["end-others"].$post()),
    onSuccess: async (res) => {
      setConfirmingOthers(false);
      setEnded(res.ended === 1 ? "1 other session has ended." : `${res.ended} other sessions have ended.`);
      await queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey });
    },
  });
  const sessions = list.data?.sessions ?? [];
  const others = sessions.filter((s) => !s.current).length;

  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <p>
        If you see a device that is not yours, sign it out and change your password. Places are shown only as the start of the internet
        address the device used.
      </p>
      <div aria-live="polite">
        {ended && (
          <div className="success-box" role="status">
            {ended}
          </div>
        )}
      </div>
      {list.isLoading ? (
        <Skeleton lines={2} />
      ) : list.error ? (
        <ErrorMessage error={list.error} />
      ) : (
        <ul className="plain-list session-list">
          {sessions.map((s) => (
            <li key={s.id} className="session-item">
              <p className="session-device">
                <strong>{s.device}</strong>
                {s.current && <span className="tag">This device</span>}
              </p>
              <p className="small">
                From {s.address ?? "an unknown address"} · signed in on {formatDateTime(s.signedInAt)} · last used on{" "}
                {formatDateTime(s.lastUsedAt)}
              </p>
              <button
                type="button"
                className="link-button danger-text"
                disabled={endOne.isPending}
                onClick={() => endOne.mutate(s.id)}
                aria-label={`Sign out here (${s.current ? "this device" : `${s.device}, last used ${formatDateTime(s.lastUsedAt)}`})`}
              >
                Sign out here
              </button>
            </li>
          ))}
        </ul>
      )}
      {(endOne.error || endOthers.error) && <ErrorMessage error={endOne.error ?? endOthers.error} />}
      {others > 0 && (
        <div className="action-row">
          <button type="button" className="button secondary" onClick={() => setConfirmingOthers(true)}>
            Sign out everywhere else
          </button>
        </div>
      )}
      <ConfirmDialog
        open={confirmingOthers}
        title="Sign out everywhere else?"
        confirmLabel="Sign out everywhere else"
        busy={endOthers.isPending}
        onConfirm={() => endOthers.mutate()}
        onCancel={() => setConfirmingOthers(false)}
      >
        <p>
          {others === 1 ? "The other device is signed out at once." : `The ${others} other devices are signed out at once.`} You stay signed
          in here.
        </p>
      </ConfirmDialog>
    </section>
  );
}
