/** The inbox's reads and writes: my notifications a page at a time, and marking them read. */
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { api, call } from "./api.ts";

export type InboxPage = InferResponseType<typeof api.notifications.$get, 200>;
export type InboxNotification = InboxPage["notifications"][number];

export const INBOX_PAGE_SIZE = 20;

export const inboxQuery = (offset = 0, limit = INBOX_PAGE_SIZE) =>
  queryOptions({
    queryKey: ["notifications", "list", offset, limit],
    queryFn: () => call(api.notifications.$get({ query: { limit: String(limit), offset: String(offset) } })),
  });

/** Only the unread count, for the bell: the smallest page the API gives carries it. */
export const unreadCountQuery = queryOptions({
  queryKey: ["notifications", "unread"],
  queryFn: async () => (await call(api.notifications.$get({ query: { limit: "1", offset: "0" } }))).unread,
  // Someone who keeps the dashboard open sees a new alert's count without reloading.
  refetchInterval: 60_000,
});

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(api.notifications[":id"].read.$post({ param: { id: String(id) } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["notifications"] }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.notifications["read-all"].$post()),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["notifications"] }),
  });
}

export type DeliveryStatus = InferResponseType<typeof api.notifications.deliveries.$get, 200>;

/** The convenor's view of delivery: email on or off, the mail server's last error, what is failing. */
export const deliveryStatusQuery = queryOptions({
  queryKey: ["notifications", "deliveries"],
  queryFn: () => call(api.notifications.deliveries.$get()),
  // A convenor watching a failing mail server sees the retries happen.
  refetchInterval: 15_000,
});

export function useRetryDeliveries() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.notifications.deliveries.retry.$post()),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["notifications", "deliveries"] }),
  });
}

export type AlertAudience = InferResponseType<typeof api.alerts.audience.$get, 200>["audience"];

/** "Who will be told" for an alert about to be raised at this visibility and urgency. */
export const alertAudienceQuery = (visibility: "public" | "members" | "convenor", urgency: "routine" | "high" | "critical") =>
  queryOptions({
    queryKey: ["alerts", "audience", visibility, urgency],
    queryFn: async () => (await call(api.alerts.audience.$get({ query: { visibility, urgency } }))).audience,
  });
