/**
 * Admin › Webhooks: the group's own channels (Slack, Teams, Matrix or any receiver). The convenor
 * adds a hook (its secret is shown once), edits it (and may replace its secret, shown once
 * again), turns it off and on, sends a test event, and sees the last error of one that fails;
 * deleting asks first and can be undone.
 */
import {
  groupEventKinds,
  type NotificationKind,
  notificationKindLabels,
  type Visibility,
  visibilities,
  visibilityLabels,
  type WebhookFormat,
  webhookFormatLabels,
  webhookFormats,
  webhookInputSchema,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { useState } from "react";
import { api, call } from "../api.ts";
import { Dialog } from "../components/dialog.tsx";
import { EmptyState, ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatCompactDate } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { useSoftDelete } from "../soft-delete.tsx";
import { useVersionedEdit } from "../versioned-edit.tsx";

type Hook = InferResponseType<typeof api.webhooks.$get, 200>["webhooks"][number];
type HookPatch = InferRequestType<(typeof api.webhooks)[":id"]["$patch"]>["json"];
type Made = { name: string; secret: string };

const hooksQuery = { queryKey: ["webhooks"], queryFn: () => call(api.webhooks.$get()) };

export function AdminWebhooksPage() {
  const hooks = useQuery(hooksQuery);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Hook | null>(null);
  const [secret, setSecret] = useState<Made | null>(null);
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
            <WebhookCard key={h.id} hook={h} onEdit={() => setEditing(h)} onDelete={() => removal.ask(h)} />
          ))}
        </ul>
      )}
      <Dialog open={editing !== null} title={`Edit “${editing?.name ?? ""}”`} onClose={() => setEditing(null)}>
        {editing && (
          <WebhookForm
            hook={editing}
            onDone={(made) => {
              setEditing(null);
              if (made) setSecret(made);
            }}
          />
        )}
      </Dialog>
      {removal.dialog}
    </>
  );
}

function WebhookCard({ hook, onEdit, onDelete }: { hook: Hook; onEdit: () => void; onDelete: () => void }) {
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
        <button type="button" className="button secondary" onClick={onEdit}>
          Edit<span className="visually-hidden"> {hook.name}</span>
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
  visibility: "public" as Visibility,
  events: ["alert_raised"] as NotificationKind[],
  secret: "",
  enabled: true,
  /** Editing only (null for a new hook): whether to send a new secret, the one typed or one made here. */
  replaceSecret: null as boolean | null,
};
type HookValues = typeof blank;
// The secret counts when a new hook is given one or an edit replaces it; otherwise what was typed stays unchecked.
const asInput = ({ replaceSecret, ...v }: HookValues) => (replaceSecret === false ? { ...v, secret: "" } : v);
const webhookFormSchema = shapedSchema(asInput, webhookInputSchema);
const hookLabels = { name: "Name", url: "Address", format: "Sent as", visibility: "Visible to", events: "Events" } as const;

/**
 * A secret made in the browser when the convenor replaces one without typing it: the PATCH never
 * answers the secret, so it must be known here to be shown once. 32 random bytes in hex, as the
 * server makes them.
 */
function makeSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function WebhookForm({ hook, onDone }: { hook?: Hook; onDone: (made: Made | null) => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation({
    mutationFn: (json: Parameters<typeof api.webhooks.$post>[0]["json"]) => call(api.webhooks.$post({ json })),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ["webhooks"] });
      onDone({ name: r.webhook.name, secret: r.secret });
    },
  });
  const edit = useVersionedEdit<Hook, HookPatch>({
    family: { root: "webhooks", one: "webhook", many: "webhooks" },
    send: (id, json) => call(api.webhooks[":id"].$patch({ param: { id: String(id) }, json })).then((r) => r.webhook),
    labels: hookLabels,
    show: (field, value) =>
      field === "format"
        ? webhookFormatLabels[value as WebhookFormat]
        : field === "visibility"
          ? visibilityLabels[value as Visibility]
          : field === "events"
            ? (value as NotificationKind[]).map((k) => notificationKindLabels[k] ?? k).join("; ")
            : undefined,
    onSaved: (saved, before) => {
      if (saved !== before) toast(`“${saved.name}” is saved.`);
    },
  });
  const form = useAppForm({
    defaultValues: hook
      ? {
          ...blank,
          name: hook.name,
          url: hook.url,
          format: hook.format as WebhookFormat,
          visibility: hook.visibility,
          events: hook.events as NotificationKind[],
          enabled: hook.enabled,
          replaceSecret: false,
        }
      : blank,
    validators: { onChange: webhookFormSchema },
    onSubmit: ({ value }) => {
      const { secret: typed, enabled: _, ...fields } = webhookInputSchema.parse(asInput(value));
      if (!hook) {
        create.mutate(webhookInputSchema.parse(asInput(value)));
        return;
      }
      const secret = value.replaceSecret ? (typed ?? makeSecret()) : undefined;
      edit.save(hook, fields, {
        ...(secret ? { also: { secret } } : {}),
        onDone: (saved) => onDone(secret ? { name: saved.name, secret } : null),
      });
    },
  });
  return (
    <form.AppForm>
      <form.Form idPrefix={hook ? `webhook-${hook.id}` : "webhook"} error={hook ? edit.error : create.error}>
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
        {hook ? (
          <>
            <form.AppField name="replaceSecret">
              {(f) => <f.CheckboxField label="Replace the secret" hint="The receiver must be given the new one, shown once after saving" />}
            </form.AppField>
            <form.Subscribe selector={(st) => st.values.replaceSecret}>
              {(replacing) =>
                replacing && (
                  <form.AppField name="secret">
                    {(f) => (
                      <f.TextField label="New secret (optional)" hint="At least 16 characters; leave it empty and Convene makes one" />
                    )}
                  </form.AppField>
                )
              }
            </form.Subscribe>
          </>
        ) : (
          <form.AppField name="secret">
            {(f) => <f.TextField label="Secret (optional)" hint="At least 16 characters; leave it empty and Convene makes one" />}
          </form.AppField>
        )}
        <form.Actions
          label={hook ? "Save changes" : "Add webhook"}
          busy={create.isPending || edit.isPending}
          onCancel={() => onDone(null)}
        />
      </form.Form>
      {edit.dialog}
    </form.AppForm>
  );
}
