/**
 * The group's own channels: outgoing webhooks the convenor configures. A hook is told about the
 * event kinds it chose, and only about records at or below its visibility level (a public hook
 * never hears of a members-only alert), in the JSON shape its receiver accepts.
 */
import { z } from "zod";
import { shortText } from "./common.ts";
import { groupEventKinds, type NotificationKind } from "./notification.ts";
import { canSee, type Visibility, visibilitySchema } from "./visibility.ts";

export const webhookFormats = ["plain", "slack", "teams", "matrix"] as const;
export type WebhookFormat = (typeof webhookFormats)[number];
export const webhookFormatLabels: Record<WebhookFormat, string> = {
  plain: "Plain event (JSON for any receiver)",
  slack: "Slack incoming webhook",
  teams: "Microsoft Teams incoming webhook",
  matrix: "Matrix incoming hook (e.g. hookshot)",
};

/** Loopback names, where plain http is allowed (a receiver or relay on the same machine). */
const loopback = (host: string) => host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);

/**
 * A hook's address: an absolute https:// address, or http:// only to this machine (localhost,
 * 127.x.x.x or [::1]), since anything else would carry the signed body in clear across the
 * network. No user name or password in the address (the secret signs instead).
 */
export function webhookUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "Enter the hook's full address, starting https://";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The hook's address must start https:// (or http:// for localhost)";
  if (url.protocol === "http:" && !loopback(url.hostname))
    return "The hook's address must start https://; plain http:// is allowed only for localhost, 127.0.0.1 or [::1]";
  if (url.username || url.password) return "The hook's address must not hold a user name or password";
  return null;
}

export const webhookUrlSchema = z
  .string({ error: "Enter the hook's address" })
  .trim()
  .min(1, { error: "Enter the hook's address" })
  .max(2_000, { error: "The hook's address must be 2,000 characters or fewer" })
  .superRefine((text, ctx) => {
    const problem = webhookUrlProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** Given by the convenor, or made by Convene when left out; shown once, never read back. */
export const webhookSecretSchema = z
  .string()
  .trim()
  .min(16, { error: "The secret must be at least 16 characters (or leave it empty for Convene to make one)" })
  .max(200, { error: "The secret must be 200 characters or fewer" });

export const webhookEventsSchema = z
  .array(z.enum(groupEventKinds, { error: "Choose events from the list" }))
  .min(1, { error: "Choose at least one event to send" })
  .transform((kinds) => [...new Set(kinds)]);

const webhookFields = {
  name: shortText("Name", 100),
  url: webhookUrlSchema,
  format: z.enum(webhookFormats, { error: "Choose what the receiver accepts" }),
  events: webhookEventsSchema,
  visibility: visibilitySchema,
  enabled: z.boolean(),
};

export const webhookInputSchema = z.object({
  ...webhookFields,
  secret: z.union([webhookSecretSchema, z.literal("").transform(() => undefined)]).optional(),
  enabled: webhookFields.enabled.default(true),
  visibility: webhookFields.visibility.default("public"),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

export const webhookPatchSchema = z
  .object({ ...webhookFields, secret: webhookSecretSchema })
  .partial()
  .extend({ version: z.number().int().positive() });
export type WebhookPatch = z.infer<typeof webhookPatchSchema>;

/** Whether a hook at `hookLevel` may be told about a record at `record`. */
export function hookMayHear(hookLevel: Visibility, record: Visibility): boolean {
  const audience = hookLevel === "public" ? "observer" : hookLevel === "members" ? "member" : "convenor";
  return canSee(audience, record);
}

/** Which of the configured hooks hear an event: enabled, subscribed to its kind, allowed its level. */
export function hooksFor<H extends { enabled: boolean; events: readonly string[]; visibility: Visibility }>(
  hooks: readonly H[],
  event: { kind: NotificationKind; visibility: Visibility },
): H[] {
  return hooks.filter((h) => h.enabled && h.events.includes(event.kind) && hookMayHear(h.visibility, event.visibility));
}
