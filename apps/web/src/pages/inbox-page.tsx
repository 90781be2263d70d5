/**
 * My inbox: what concerns me, newest first, a page at a time. Opening an entry marks it read;
 * so does its button, or "Mark all as read". The server lists only what I may still see.
 * Its title comes from the route (head: titled("Inbox")), as for the other pages.
 */
import { notificationKindLabels } from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { formatDateTime, plural } from "../format.ts";
import { INBOX_PAGE_SIZE, type InboxNotification, inboxQuery, useMarkAllRead, useMarkRead } from "../inbox-queries.ts";

export function InboxPage() {
  const [offset, setOffset] = useState(0);
  const inbox = useQuery(inboxQuery(offset));
  const markAll = useMarkAllRead();
  const data = inbox.data;

  return (
    <>
      <div className="page-head">
        <h1>Inbox</h1>
        {data && data.unread > 0 && (
          <button type="button" className="button secondary no-print" disabled={markAll.isPending} onClick={() => markAll.mutate()}>
            Mark all as read
          </button>
        )}
      </div>
      <p className="lede">What concerns you: alerts raised and answered. Each links to its record.</p>
      {markAll.error && <ErrorMessage error={markAll.error} />}
      {inbox.isLoading ? (
        <Skeleton lines={5} height="3rem" />
      ) : inbox.error ? (
        <ErrorMessage error={inbox.error} retry={() => inbox.refetch()} />
      ) : !data || data.total === 0 ? (
        <EmptyState title="Nothing in your inbox">
          <p>When an alert is raised that your organisation is asked to answer, or someone answers yours, it appears here.</p>
        </EmptyState>
      ) : (
        <>
          <p aria-live="polite">
            {plural(data.total, "notification")}, {data.unread} unread.
          </p>
          <ul className="inbox-list">
            {data.notifications.map((n) => (
              <InboxEntry key={n.id} notification={n} />
            ))}
          </ul>
          {data.total > INBOX_PAGE_SIZE && (
            <nav className="inbox-pages" aria-label="Inbox pages">
              <button
                type="button"
                className="button secondary small"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - INBOX_PAGE_SIZE))}
              >
                Newer
              </button>
              <span>
                {offset + 1}–{Math.min(offset + INBOX_PAGE_SIZE, data.total)} of {data.total}
              </span>
              <button
                type="button"
                className="button secondary small"
                disabled={offset + INBOX_PAGE_SIZE >= data.total}
                onClick={() => setOffset(offset + INBOX_PAGE_SIZE)}
              >
                Older
              </button>
            </nav>
          )}
        </>
      )}
    </>
  );
}

function InboxEntry({ notification: n }: { notification: InboxNotification }) {
  const markRead = useMarkRead();
  const unread = n.readAt === null;
  const open = () => {
    if (unread) markRead.mutate(n.id);
  };
  return (
    <li className={unread ? "inbox-entry unread" : "inbox-entry"}>
      <p className="muted small">
        {unread && <strong className="inbox-unread">Unread · </strong>}
        {notificationKindLabels[n.kind]} · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
      </p>
      <h2 className="inbox-title">
        {n.entity === "account" ? (
          <Link to="/account" onClick={open}>
            {n.title}
          </Link>
        ) : (
          <Link to="/alerts/$alertId" params={{ alertId: n.entityId }} onClick={open}>
            {n.title}
          </Link>
        )}
      </h2>
      {n.summary && <p>{n.summary}</p>}
      {unread && (
        <button type="button" className="link-button no-print" disabled={markRead.isPending} onClick={open}>
          Mark as read<span className="visually-hidden">: {n.title}</span>
        </button>
      )}
    </li>
  );
}
