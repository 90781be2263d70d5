/** What the inbox and the delivery status answer (GET /api/notifications, …/deliveries). */
import { z } from "zod";
import { answer, binnedRecord, id, nullable, time } from "./fields.ts";

export const notificationOutput = answer({
  id,
  kind: z.string(),
  entity: z.string(),
  entityId: id,
  visibility: z.enum(["public", "members", "convenor"]),
  title: z.string(),
  summary: z.string(),
  createdAt: time,
  readAt: nullable(time),
});

export const deliveryOutput = answer({
  id,
  channel: z.string(),
  attempts: z.number().int(),
  lastError: nullable(z.string()),
  nextAttemptAt: nullable(time),
  createdAt: time,
});

/** GET/PUT /api/notifications/preferences: the person's choices, as the input schema describes them. */
export const notificationPreferencesOutput = answer({
  kinds: z.record(z.string(), z.enum(["instant", "digest", "off"])),
  digestFrequency: z.enum(["daily", "weekly"]),
  timeZone: z.string(),
  quietFrom: nullable(z.string()),
  quietTo: nullable(z.string()),
  daysOff: z.array(z.number().int()),
  urgentBreaksQuiet: z.boolean(),
});

export const restPeriodOutput = answer({ id, startsAt: time, endsAt: time, reason: z.string(), createdAt: time });

/** A webhook as the convenor's page reads it: never its secret. */
export const webhookOutput = answer({
  id,
  name: z.string(),
  url: z.string(),
  format: z.enum(["plain", "slack", "teams", "matrix"]),
  events: z.array(z.string()),
  visibility: z.enum(["public", "members", "convenor"]),
  enabled: z.boolean(),
  lastError: nullable(z.string()),
  lastErrorAt: nullable(time),
  lastDeliveredAt: nullable(time),
  ...binnedRecord,
});
