/**
 * Admin › Webhooks: the group's own channels (Slack, Teams, Matrix or any receiver). The convenor
 * adds a hook (its secret is shown once), turns it off and on, sends a test event, and sees the
 * last error of one that fails; deleting asks first and can be undone.
 */
import {
  groupEventKinds,
  type NotificationKind,
  notificationKindLabels,
  visibilities,
  type WebhookFormat,
  webhookFormatLabels,
  webhookFormats,
  webhookInputSchema,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { useState } from "react";
import { api, call } from "../api.ts";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatCompactDate } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { useSoftDelete } from "../soft-delete.tsx";

type Hook = InferResponseType<typeof api.webhooks.$get, 200>["webhooks"][number];

const hooksQuery = { queryKey: ["webhooks"], queryFn: () => call(api.webhooks.$get()) };

export function AdminWebhooksPage() {
  const hooks = useQuery(hooksQuery);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const removal = useSoftDelete({
    family: "webhooks",
    remove: (h: Hook) => call(api.webhooks[":id"].$delete({ param: { id: String(h.id) } })),
    restore: (h: Hook) => call(api.webhooks[":id"].restore.$post({ param: { id: String(h.id) } })),
    name: (h) => `the webhook “${h.name}”`,
    confirmLabel: "Delete webhook",
    lost: () => <p>Nothing more will be sent to it, and deliveries still waiting are dropped. You can undo straight after.</p>,
  });
  if (hooks.isLoading) return <SkeletonPage title="Webhooks" />;
  if (hooks.error || !hooks.data) return <ErrorMessage error={hooks.error} retry={() => hooks.refetch()} />;
  const list = hooks.data.webhooks;
  return (
    <>
      <div className="page-head">
        <h1>Webhooks</h1>
        {!adding && (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add a webhook
          </button>
        )}
      </div>
      <p>
        Convene tells the group's own channels (a Slack, Microsoft Teams or Matrix room, or any receiver) about the events each hook
        chooses, and never about anything above the hook's visibility: a hook for the public never hears of a members-only alert. Each
        request is signed with the hook's secret (the <code>X-Convene-Signature</code> header).
      </p>
      {secret && (
        <section className="card notice" aria-labelledby="secret-heading">
          <h2 id="secret-heading">The secret of “{secret.name}”</h2>
          <p>Copy it into the receiver now: it will not be shown again.</p>
          <p>
            <code className="break-anywhere">{secret.secret}</code>
          </p>
          <button type="button" className="button secondary" onClick={() => setSecret(null)}>
            I have copied it
          </button>
        </section>
      )}
      {adding && (
        <section className="card" aria-labelledby="add-heading">
          <h2 id="add-heading">Add a webhook</h2>
          <WebhookForm
            onDone={(made) => {
              setAdding(false);
              if (made) setSecret(made);
            }}
          />
        </section>
      )}
      {list.length === 0 ? (
        <EmptyState title="No webhooks yet">Add one to tell a Slack, Teams or Matrix room when an alert is raised.</EmptyState>
      ) : (
        <ul className="plain-list">
          {list.map((h) => (
            <WebhookCard key={h.id} hook={h} onDelete={() => removal.ask(h)} />
          ))}
        </ul>
      )}
      {removal.dialog}
    </>
  );
}

function WebhookCard({ hook, onDelete }: { hook: Hook; onDelete: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["webhooks"] });
  const toggle = useMutation({
    mutationFn: () =>
      call(api.webhooks[":id"].$patch({ param: { id: String(hook.id) }, json: { version: hook.version, enabled: !hook.enabled } })),
    onSuccess: (r) => {
      void refresh();
      toast(r.webhook.enabled ? `“${hook.name}” is on.` : `“${hook.name}” is off: nothing is sent to it.`);
    },
  });
  const test = useMutation({
    mutationFn: () => call(api.webhooks[":id"].test.$post({ param: { id: String(hook.id) } })),
    onSuccess: (r) => {
      void refresh();
      toast(r.ok ? `The test event reached “${hook.name}”.` : `The test event failed: ${r.error}`);
    },
  });
  const headingId = `hook-${hook.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {hook.name} {!hook.enabled && <span className="tag">Off</span>}
      </h2>
      <dl className="facts">
        <dt>Address</dt>
        <dd className="break-anywhere">{hook.url}</dd>
        <dt>Sent as</dt>
        <dd>{webhookFormatLabels[hook.format as WebhookFormat]}</dd>
        <dt>Up to</dt>
        <dd>
          <VisibilityBadge visibility={hook.visibility} />
        </dd>
        <dt>Events</dt>
        <dd>{hook.events.map((k) => notificationKindLabels[k as NotificationKind] ?? k).join("; ")}</dd>
        <dt>Last delivered</dt>
        <dd>{hook.lastDeliveredAt ? formatCompactDate(hook.lastDeliveredAt) : "Not yet"}</dd>
      </dl>
      {hook.lastError && (
        <div className="error-message" role="status">
          <strong>Failing{hook.lastErrorAt ? ` since ${formatCompactDate(hook.lastErrorAt)}` : ""}:</strong> {hook.lastError}. Convene keeps
          trying, waiting longer each time.
        </div>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => test.mutate()} disabled={test.isPending}>
          {test.isPending ? "Sending…" : "Send a test event"}
        </button>
        <button type="button" className="button secondary" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
          {hook.enabled ? "Turn off" : "Turn on"}
        </button>
        <button type="button" className="button warning" onClick={onDelete}>
          Delete
        </button>
      </div>
      {(toggle.error || test.error) && <ErrorMessage error={toggle.error ?? test.error} />}
    </li>
  );
}

const blank = {
  name: "",
  url: "",
  format: "slack" as WebhookFormat,
  visibility: "public" as (typeof visibilities)[number],
  events: ["alert_raised"] as NotificationKind[],
  secret: "",
  enabled: true,
};
const webhookFormSchema = shapedSchema((v: typeof blank) => v, webhookInputSchema);

function WebhookForm({ onDone }: { onDone: (made: { name: string; secret: string } | null) => void }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (json: Parameters<typeof api.webhooks.$post>[0]["json"]) => call(api.webhooks.$post({ json })),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ["webhooks"] });
      onDone({ name: r.webhook.name, secret: r.secret });
    },
  });
  const form = useAppForm({
    defaultValues: blank,
    validators: { onChange: webhookFormSchema },
    onSubmit: ({ value }) => create.mutate(webhookInputSchema.parse(value)),
  });
  return (
    <form.AppForm>
      <form.Form idPrefix="webhook" error={create.error}>
        <form.AppField name="name">{(f) => <f.TextField label="Name" hint="For example, Slack #alerts" maxLength={100} />}</form.AppField>
        <form.AppField name="url">
          {(f) => (
            <f.TextField label="Address" hint="The incoming webhook's address, starting https:// (http:// only for localhost)" type="url" />
          )}
        </form.AppField>
        <form.AppField name="format">
          {(f) => <f.ChoiceField label="Sent as" options={webhookFormats} labels={webhookFormatLabels} />}
        </form.AppField>
        <form.AppField name="visibility">
          {(f) => (
            <f.VisibilityField
              label="Tell it about records visible to"
              hint="Nothing above this level is ever sent to it"
              choices={visibilities}
            />
          )}
        </form.AppField>
        <form.Field name="events">
          {(field) => (
            <fieldset className="field">
              <legend>Events to send</legend>
              <div className="checkbox-grid">
                {groupEventKinds.map((k) => (
                  <label key={k} className="checkbox">
                    <input
                      type="checkbox"
                      name="events"
                      value={k}
                      checked={field.state.value.includes(k)}
                      onChange={(e) =>
                        field.handleChange(e.target.checked ? [...field.state.value, k] : field.state.value.filter((x) => x !== k))
                      }
                    />{" "}
                    {notificationKindLabels[k]}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
        </form.Field>
        <form.AppField name="secret">
          {(f) => <f.TextField label="Secret (optional)" hint="At least 16 characters; leave it empty and Convene makes one" />}
        </form.AppField>
        <form.Actions label="Add webhook" busy={create.isPending} onCancel={() => onDone(null)} />
      </form.Form>
    </form.AppForm>
  );
}
