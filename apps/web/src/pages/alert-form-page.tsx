/** Raising and editing an alert, validated as you type with the schema the API uses. */
import {
  type AlertKind,
  type AlertUrgency,
  alertInputSchema,
  alertKindLabels,
  alertKinds,
  alertUrgencies,
  alertUrgencyLabels,
  type Visibility,
  visibilities,
  visibilityLabels,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { fromLocalInput, toLocalInput } from "../alert-format.ts";
import { type AlertSummary, ApiFailure, api, call } from "../api.ts";
import { type Conflict, ConflictDialog } from "../components/conflict-dialog.tsx";
import { Field } from "../components/field.tsx";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { apiFieldErrors, zodFieldErrors } from "../form-errors.ts";
import { formatDateTime } from "../format.ts";
import { alertQuery, meQuery } from "../queries.ts";

interface Draft {
  title: string;
  situation: string;
  kind: AlertKind;
  urgency: AlertUrgency;
  ask: string;
  /** As the datetime-local input holds it, in the viewer's time zone. */
  deadline: string;
  visibility: Visibility;
}

const fieldLabels: Record<keyof Draft, string> = {
  title: "Title",
  situation: "Situation or country",
  kind: "Kind",
  urgency: "Urgency",
  ask: "The ask",
  deadline: "Deadline",
  visibility: "Visible to",
};

function draftOf(a?: AlertSummary): Draft {
  return {
    title: a?.title ?? "",
    situation: a?.situation ?? "",
    kind: a?.kind ?? "emerging_threat",
    urgency: a?.urgency ?? "high",
    ask: a?.ask ?? "",
    deadline: a ? toLocalInput(a.deadline) : "",
    visibility: a?.visibility ?? "members",
  };
}

const fieldsOf = (d: Draft) => ({ ...d, deadline: fromLocalInput(d.deadline) });

export function NewAlertPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const raise = useMutation({
    mutationFn: (json: Parameters<typeof api.alerts.$post>[0]["json"]) => call(api.alerts.$post({ json })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
      toast("Alert raised. Members can now answer it.");
      if (res.alert) void navigate({ to: "/alerts/$alertId", params: { alertId: res.alert.id } });
    },
  });
  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/alerts">Alerts</Link>
      </p>
      <h1>Raise an alert</h1>
      <AlertForm
        initial={draftOf()}
        submitLabel="Raise alert"
        busy={raise.isPending}
        error={raise.error}
        onSubmit={(d) => raise.mutate(fieldsOf(d))}
        cancel={<Link to="/alerts">Cancel</Link>}
      />
    </>
  );
}

export function EditAlertPage() {
  const { alertId } = useParams({ from: "/app/alerts/$alertId/edit" });
  const alert = useQuery(alertQuery(alertId));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  type Patch = Parameters<(typeof api.alerts)[":id"]["$patch"]>[0]["json"];
  const save = useMutation({
    mutationFn: (json: Patch) => call(api.alerts[":id"].$patch({ param: { id: String(alertId) }, json })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
      toast("Alert saved.");
      void navigate({ to: "/alerts/$alertId", params: { alertId } });
    },
    onError: (err, patch) => {
      if (!(err instanceof ApiFailure) || err.status !== 409 || !err.details?.current) return;
      const current = err.details.current as AlertSummary;
      const { version: _v, ...fields } = patch;
      const show = (k: string, v: unknown) => (k === "deadline" ? formatDateTime(String(v)) : String(v ?? "—"));
      setConflict({
        differences: Object.entries(fields).map(([k, mine]) => ({
          field: fieldLabels[k as keyof Draft] ?? k,
          mine: show(k, mine),
          theirs: show(k, (current as Record<string, unknown>)[k]),
        })),
        keepTheirs: () => {
          setConflict(null);
          void queryClient.invalidateQueries({ queryKey: ["alerts"] });
          void navigate({ to: "/alerts/$alertId", params: { alertId } });
        },
        useMine: () => {
          setConflict(null);
          save.mutate({ ...patch, version: current.version });
        },
      });
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
        initial={draftOf(a)}
        submitLabel="Save changes"
        busy={save.isPending}
        error={conflict ? null : save.error}
        onSubmit={(d) => {
          const before = fieldsOf(draftOf(a));
          const after = fieldsOf(d);
          // Send only what changed, so a conflict shows just the fields this person touched.
          const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => v !== before[k as keyof typeof before]));
          save.mutate({ ...changed, version: a.version });
        }}
        cancel={
          <Link to="/alerts/$alertId" params={{ alertId }}>
            Cancel
          </Link>
        }
      />
      <ConflictDialog conflict={conflict} onClose={() => setConflict(null)} />
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
}: {
  initial: Draft;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (d: Draft) => void;
  cancel: React.ReactNode;
}) {
  const me = useQuery(meQuery);
  const isConvenor = me.data?.user?.role === "convenor";
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const touch = (f: string) => setTouched((t) => new Set(t).add(f));

  const parsed = alertInputSchema.safeParse(fieldsOf(draft));
  const clientErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
  // The API also refuses a deadline already past; say so before sending.
  const deadlineChanged = draft.deadline !== initial.deadline;
  if (!clientErrors.deadline && draft.deadline && deadlineChanged && Date.parse(fromLocalInput(draft.deadline)) <= Date.now()) {
    clientErrors.deadline = "must be in the future";
  }
  if (!draft.deadline) clientErrors.deadline = "Choose the date and time by which organisations should answer";
  const valid = Object.keys(clientErrors).length === 0;
  const serverErrors = apiFieldErrors(error);
  const errorFor = (f: string) => (touched.has(f) ? clientErrors[f] : undefined) ?? serverErrors[f];
  // Members raise alerts for the membership (or the public); convenor-only alerts are the convenor's.
  const visibilityChoices = isConvenor ? visibilities : visibilities.filter((v) => v !== "convenor");

  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(new Set(Object.keys(draft)));
        if (valid) onSubmit(draft);
      }}
    >
      {error != null && Object.keys(serverErrors).length === 0 && <ErrorMessage error={error} />}
      <Field id="title" label="Title" hint="A few words members will recognise at a glance" error={errorFor("title")}>
        {(p) => (
          <input
            {...p}
            value={draft.title}
            maxLength={200}
            onChange={(e) => set({ title: e.target.value })}
            onBlur={() => touch("title")}
          />
        )}
      </Field>
      <Field id="situation" label="Situation or country" error={errorFor("situation")}>
        {(p) => (
          <input
            {...p}
            value={draft.situation}
            maxLength={200}
            onChange={(e) => set({ situation: e.target.value })}
            onBlur={() => touch("situation")}
          />
        )}
      </Field>
      <div className="field-row">
        <Field id="kind" label="Kind" error={errorFor("kind")}>
          {(p) => (
            <select {...p} value={draft.kind} onChange={(e) => set({ kind: e.target.value as AlertKind })}>
              {alertKinds.map((k) => (
                <option key={k} value={k}>
                  {alertKindLabels[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="urgency" label="Urgency" error={errorFor("urgency")}>
          {(p) => (
            <select {...p} value={draft.urgency} onChange={(e) => set({ urgency: e.target.value as AlertUrgency })}>
              {alertUrgencies.map((u) => (
                <option key={u} value={u}>
                  {alertUrgencyLabels[u]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="deadline" label="Deadline" hint="Answers close at this time" error={errorFor("deadline")}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={draft.deadline}
              onChange={(e) => set({ deadline: e.target.value })}
              onBlur={() => touch("deadline")}
            />
          )}
        </Field>
        <Field id="visibility" label="Visible to" error={errorFor("visibility")}>
          {(p) => (
            <select {...p} value={draft.visibility} onChange={(e) => set({ visibility: e.target.value as Visibility })}>
              {visibilityChoices.map((v) => (
                <option key={v} value={v}>
                  {visibilityLabels[v]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id="ask" label="The ask" hint="What members are asked to do: sign, share, brief, attend…" error={errorFor("ask")}>
        {(p) => <textarea {...p} rows={5} value={draft.ask} onChange={(e) => set({ ask: e.target.value })} onBlur={() => touch("ask")} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        {cancel}
      </div>
    </form>
  );
}
