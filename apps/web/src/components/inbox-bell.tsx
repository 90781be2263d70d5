/**
 * The bell in the top bar: a link to the inbox with the unread count, said in words to screen
 * readers ("Inbox, 3 unread") and shown as a number, never a coloured dot alone. Nothing is
 * shown to someone signed out.
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useAccess } from "../access.ts";
import { unreadCountQuery } from "../inbox-queries.ts";

export function InboxBell() {
  const { user } = useAccess();
  const unread = useQuery({ ...unreadCountQuery, enabled: user !== null });
  if (!user) return null;
  const count = unread.data ?? 0;
  const words = count === 0 ? "Inbox, nothing unread" : `Inbox, ${count} unread`;
  return (
    <Link to="/inbox" className="inbox-bell" aria-label={words} title={words}>
      <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      <span className="inbox-bell-label">Inbox</span>
      {count > 0 && (
        <span className="inbox-bell-count" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
