/** Raising and editing an alert, validated as you type with the schema the API uses. */
import {
  type AlertUrgency,
  alertAudienceSentence,
  alertInputSchema,
  alertKindLabels,
  alertKinds,
  alertUrgencies,
  alertUrgencyLabels,
  type Visibility,
} from "@convene/domain";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import type { z } from "zod";
import { useAccess } from "../access.ts";
import { type AlertPatchBody, type AlertSummary, ApiFailure, api, call } from "../api.ts";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { useCreate } from "../create-record.ts";
import { formatCompactDate, formatDateTime } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { alertAudienceQuery } from "../inbox-queries.ts";
import { alertQuery, proposalsQuery, statementsQuery } from "../queries.ts";
import { useVersionedEdit } from "../versioned-edit.tsx";

type AlertInput = z.input<typeof alertInputSchema>;
/** What the form holds: what the alert carries as one choice, "proposal:3" or "statement:5" (null for nothing). */
type AlertValues = Omit<AlertInput, "proposalId" | "statementId"> & { carries: string | null };

function inputOf({ carries, ...v }: AlertValues): AlertInput {
  const [kind, id] = carries ? carries.split(":") : [];
  return { ...v, proposalId: kind === "proposal" ? Number(id) : null, statementId: kind === "statement" ? Number(id) : null };
}
// A problem with what it carries belongs beside the one choice that holds it.
const alertFormSchema = shapedSchema(inputOf, alertInputSchema, (path) =>
  path[0] === "proposalId" || path[0] === "statementId" ? ["carries"] : path,
);

const alertFieldLabels = {
  title: "Title",
  situation: "Situation or country",
  kind: "Kind",
  urgency: "Urgency",
  ask: "The ask",
  deadline: "Deadline",
  visibility: "Visible to",
  proposalId: "Carries the proposal",
  statementId: "Carries the statement",
} as const;

function valuesOf(a?: AlertSummary): AlertValues {
  return {
    title: a?.title ?? "",
    situation: a?.situation ?? "",
    kind: a?.kind ?? "emerging_threat",
    urgency: a?.urgency ?? "high",
    ask: a?.ask ?? "",
    deadline: a?.deadline ?? "",
    visibility: a?.visibility ?? "members",
    carries: a?.carries ? `${a.carries.kind}:${a.carries.id}` : null,
  };
}

export function NewAlertPage() {
  const raise = useCreate({
    send: (json: Parameters<typeof api.alerts.$post>[0]["json"]) => call(api.alerts.$post({ json })),
    root: "alerts",
    saved: "Alert raised. Members can now answer it.",
    open: ({ alert }) => (alert ? { to: "/alerts/$alertId", params: { alertId: alert.id } } : undefined),
  });
  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/alerts">Alerts</Link>
      </p>
      <h1>Raise an alert</h1>
      <AlertForm
        initial={valuesOf()}
        submitLabel="Raise alert"
        busy={raise.isPending}
        error={raise.error}
        onSubmit={(input) => raise.mutate(alertInputSchema.parse(input))}
        cancel={<Link to="/alerts">Cancel</Link>}
        showAudience
      />
    </>
  );
}

export function EditAlertPage() {
  const { alertId } = useParams({ from: "/app/alerts/$alertId/edit" });
  const alert = useQuery(alertQuery(alertId));
  const navigate = useNavigate();
  const toast = useToast();
  const edit = useVersionedEdit<AlertSummary, AlertPatchBody>({
    family: { root: "alerts", one: "alert", many: "alerts" },
    send: async (id, json) => {
      const { alert } = await call(api.alerts[":id"].$patch({ param: { id: String(id) }, json }));
      if (!alert) throw new ApiFailure(404, "not_found", "This alert is no longer there.");
      return alert;
    },
    labels: alertFieldLabels,
    show: (k, v) => (k === "deadline" && typeof v === "string" && v ? formatDateTime(v) : undefined),
    onSaved: () => {
      toast("Alert saved.");
      void navigate({ to: "/alerts/$alertId", params: { alertId } });
    },
  });
  if (alert.isLoading) return <SkeletonPage title="Edit alert" />;
  if (alert.error || !alert.data) return <ErrorMessage error={alert.error} />;
  const a = alert.data.alert;
  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/alerts">Alerts</Link> ›{" "}
        <Link to="/alerts/$alertId" params={{ alertId }}>
          {a.title}
        </Link>
      </p>
      <h1>Edit alert</h1>
      <AlertForm
        initial={valuesOf(a)}
        submitLabel="Save changes"
        busy={edit.isPending}
        error={edit.error}
        onSubmit={(input) => edit.save(a, alertInputSchema.parse(input))}
        cancel={
          <Link to="/alerts/$alertId" params={{ alertId }}>
            Cancel
          </Link>
        }
      />
      {edit.dialog}
    </>
  );
}

function AlertForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  cancel,
  showAudience = false,
}: {
  /** Raising: show who will be told, and how, as the visibility and urgency change. */
  showAudience?: boolean;
  initial: AlertValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: AlertInput) => void;
  cancel: React.ReactNode;
}) {
  // Members raise alerts for the membership (or the public); convenor-only alerts are the convenor's.
  const { visibilityChoices } = useAccess();
  const form = useAppForm({
    defaultValues: initial,
    validators: { onChange: alertFormSchema },
    onSubmit: ({ value }) => onSubmit(inputOf(value)),
  });
  const carryable = useCarryable(initial.carries);
  return (
    <form.AppForm>
      <form.Form error={error}>
        <form.AppField name="title">
          {(f) => <f.TextField label="Title" hint="A few words members will recognise at a glance" maxLength={200} />}
        </form.AppField>
        <form.AppField name="situation">{(f) => <f.TextField label="Situation or country" maxLength={200} />}</form.AppField>
        <div className="field-row">
          <form.AppField name="kind">{(f) => <f.ChoiceField label="Kind" options={alertKinds} labels={alertKindLabels} />}</form.AppField>
          <form.AppField name="urgency">
            {(f) => <f.ChoiceField label="Urgency" options={alertUrgencies} labels={alertUrgencyLabels} />}
          </form.AppField>
          <form.AppField
            name="deadline"
            validators={{
              // The API also refuses a new deadline already past; say so before sending.
              onChange: ({ value }) =>
                value && value !== initial.deadline && Date.parse(value) <= Date.now() ? "The deadline must be in the future" : undefined,
            }}
          >
            {(f) => <f.DateTimeField label="Deadline" hint="Answers close at this time" />}
          </form.AppField>
          <form.AppField name="visibility">{(f) => <f.VisibilityField choices={visibilityChoices} />}</form.AppField>
        </div>
        <form.AppField name="ask">
          {(f) => <f.TextAreaField label="The ask" hint="What members are asked to do: sign, share, brief, attend…" rows={5} />}
        </form.AppField>
        {carryable.options.length > 0 && (
          <form.AppField name="carries">
            {(f) => (
              <f.ChoiceField
                label="Carries a proposal or statement (optional)"
                hint="Those told of the alert see it with it, and are asked to sign or give their organisation's position by its deadline"
                options={carryable.options}
                labels={carryable.labels}
                none="Nothing: just the ask"
              />
            )}
          </form.AppField>
        )}
        {showAudience && (
          <form.Subscribe selector={(st) => [st.values.visibility ?? "members", st.values.urgency ?? "high"] as const}>
            {([visibility, urgency]) => <AudiencePreview visibility={visibility} urgency={urgency} />}
          </form.Subscribe>
        )}
        <form.Actions label={submitLabel} busy={busy}>
          {cancel}
        </form.Actions>
      </form.Form>
    </form.AppForm>
  );
}

/**
 * "Who will be told": counted by the server with the same rules that then write the outbox, so
 * the sentence says exactly what raising will do. Read out when it changes (aria-live).
 */
function AudiencePreview({ visibility, urgency }: { visibility: Visibility; urgency: AlertUrgency }) {
  const audience = useQuery({ ...alertAudienceQuery(visibility, urgency), placeholderData: (previous) => previous });
  const a = audience.data;
  return (
    <div className="notice alert-audience" aria-live="polite" data-testid="alert-audience">
      <h2>Who will be told</h2>
      {audience.error ? (
        <p>Convene could not work out who would be told just now; raising the alert still tells everyone it should.</p>
      ) : !a ? (
        <p>Counting who will be told…</p>
      ) : (
        <>
          <p>
            <strong>{alertAudienceSentence(a)}</strong>
            {a.people > 0 ? "." : ""}
          </p>
          {!a.emailOn && a.people > 0 && <p>Email is off in this installation, so everyone hears in the dashboard only.</p>}
          {a.emailOn && urgency === "routine" && a.people > 0 && (
            <p>Routine alerts are not emailed at once: people see them in their inbox. Choose High or Critical to email them now.</p>
          )}
        </>
      )}
    </div>
  );
}

/**
 * What an alert may carry: the open proposals and statements the person may see (the server
 * checks again, and that everyone told of the alert may see it too), and what it carries now.
 */
function useCarryable(current: string | null) {
  const proposals = useQuery(proposalsQuery);
  const statements = useQuery(statementsQuery);
  const now = Date.now();
  const labels: Record<string, string> = {};
  for (const p of proposals.data?.proposals ?? [])
    if ((p.state === "open" && Date.parse(p.closesAt) > now) || current === `proposal:${p.id}`)
      labels[`proposal:${p.id}`] = `Proposal: ${p.question} (closes ${formatCompactDate(p.closesAt)})`;
  for (const st of statements.data?.statements ?? [])
    if ((st.state === "open" && Date.parse(st.deadline) > now) || current === `statement:${st.id}`)
      labels[`statement:${st.id}`] = `Statement to sign: ${st.title} (by ${formatCompactDate(st.deadline)})`;
  return { options: Object.keys(labels), labels };
}
