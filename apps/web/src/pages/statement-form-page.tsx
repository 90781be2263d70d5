/**
 * Drafting a sign-on statement and editing it (convenor only). A change to the text becomes a new
 * version and asks every signatory to confirm again, so the edit form asks what changed.
 */
import { statementInputSchema, statementKinds, statementPatchSchema } from "@convene/domain";
import { useStore } from "@tanstack/react-form";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useMemo } from "react";
import { useAccess } from "../access.ts";
import { api, call, type StatementPatchBody, type StatementSummary } from "../api.ts";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { useCreate } from "../create-record.ts";
import { formatDateTime } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { statementQuery } from "../queries.ts";
import { statementKindLabels } from "../statement-format.ts";
import { useVersionedEdit } from "../versioned-edit.tsx";

interface StatementValues {
  title: string;
  kind: StatementSummary["kind"];
  text: string;
  changeNote: string;
  deadline: string;
  visibility: StatementSummary["visibility"];
}

const statementFieldLabels = {
  title: "Title",
  kind: "Kind",
  text: "The text",
  changeNote: "What changed",
  deadline: "Sign-off deadline",
  visibility: "Visible to",
} as const;

function valuesOf(s?: StatementSummary): StatementValues {
  return {
    title: s?.title ?? "",
    kind: s?.kind ?? "open_letter",
    text: s?.text ?? "",
    changeNote: "",
    deadline: s?.deadline ?? "",
    visibility: s?.visibility ?? "members",
  };
}

const { changeNote: _unsent, ...draftShape } = valuesOf();
type Draft = typeof draftShape;
const draftOf = ({ changeNote: _note, ...v }: StatementValues): Draft => v;

const newSchema = shapedSchema(draftOf, statementInputSchema);

export function NewStatementPage() {
  const create = useCreate({
    send: (json: Parameters<typeof api.statements.$post>[0]["json"]) => call(api.statements.$post({ json })),
    root: "statements",
    saved: "Statement drafted. Mark who may sign for each organisation on its page.",
    open: ({ statement }) => ({ to: "/statements/$statementId", params: { statementId: statement.id } }),
  });
  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/statements">Statements</Link>
      </p>
      <h1>Draft a statement</h1>
      <StatementForm
        initial={valuesOf()}
        schema={newSchema}
        editing={false}
        submitLabel="Save draft"
        busy={create.isPending}
        error={create.error}
        onSubmit={(v) => create.mutate(statementInputSchema.parse(draftOf(v)))}
        cancel={<Link to="/statements">Cancel</Link>}
      />
    </>
  );
}

export function EditStatementPage() {
  const { statementId } = useParams({ from: "/app/statements/$statementId/edit" });
  const detail = useQuery(statementQuery(statementId));
  const navigate = useNavigate();
  const toast = useToast();
  const edit = useVersionedEdit<StatementSummary, StatementPatchBody>({
    family: { root: "statements", one: "statement", many: "statements", refetch: true },
    send: async (id, json) => (await call(api.statements[":id"].$patch({ param: { id: String(id) }, json }))).statement,
    labels: statementFieldLabels,
    show: (k, v) => (k === "deadline" && typeof v === "string" && v ? formatDateTime(v) : undefined),
    onSaved: (saved, before) => {
      toast(
        saved.textVersion > before.textVersion ? "Statement saved. Signatories are asked to confirm the new text." : "Statement saved.",
      );
      void navigate({ to: "/statements/$statementId", params: { statementId } });
    },
  });
  const s = detail.data?.statement;
  const schema = useMemo(
    () => shapedSchema((v: StatementValues) => ({ ...v, version: s?.version ?? 1 }), statementPatchSchema),
    [s?.version],
  );
  if (detail.isLoading) return <SkeletonPage title="Edit statement" />;
  if (detail.error || !s) return <ErrorMessage error={detail.error} />;
  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/statements">Statements</Link> ›{" "}
        <Link to="/statements/$statementId" params={{ statementId }}>
          {s.title}
        </Link>
      </p>
      <h1>Edit statement</h1>
      {s.state !== "open" ? (
        <p>This statement is no longer open, so it can no longer be edited.</p>
      ) : (
        <StatementForm
          initial={valuesOf(s)}
          schema={schema}
          editing
          submitLabel="Save changes"
          busy={edit.isPending}
          error={edit.error}
          onSubmit={({ changeNote, ...v }) => edit.save(s, v, changeNote && v.text !== s.text ? { also: { changeNote } } : {})}
          cancel={
            <Link to="/statements/$statementId" params={{ statementId }}>
              Cancel
            </Link>
          }
        />
      )}
      {edit.dialog}
    </>
  );
}

function StatementForm({
  initial,
  schema,
  editing,
  submitLabel,
  busy,
  error,
  onSubmit,
  cancel,
}: {
  initial: StatementValues;
  schema: ReturnType<typeof shapedSchema<StatementValues>>;
  editing: boolean;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: StatementValues) => void;
  cancel: React.ReactNode;
}) {
  const { visibilityChoices } = useAccess();
  const form = useAppForm({
    defaultValues: initial,
    validators: { onChange: schema },
    onSubmit: ({ value }) => onSubmit(value),
  });
  const textChanged = useStore(form.store, (st) => st.values.text !== initial.text);
  return (
    <form.AppForm>
      <form.Form error={error}>
        <form.AppField name="title">{(f) => <f.TextField label="Title" maxLength={300} />}</form.AppField>
        <div className="field-row">
          <form.AppField name="kind">
            {(f) => <f.ChoiceField label="Kind" options={statementKinds} labels={statementKindLabels} />}
          </form.AppField>
          <form.AppField
            name="deadline"
            validators={{
              onChange: ({ value }) =>
                value && value !== initial.deadline && Date.parse(value) <= Date.now() ? "The deadline must be in the future" : undefined,
            }}
          >
            {(f) => <f.DateTimeField label="Sign-off deadline" hint="Organisations can sign until then" />}
          </form.AppField>
          <form.AppField name="visibility">{(f) => <f.VisibilityField choices={visibilityChoices} />}</form.AppField>
        </div>
        <form.AppField name="text">
          {(f) => <f.TextAreaField label="The text" hint="In Markdown: a blank line between paragraphs, # for a heading" rows={14} />}
        </form.AppField>
        {editing && textChanged && (
          <form.AppField name="changeNote">
            {(f) => (
              <f.TextAreaField
                label="What changed"
                hint="Shown to every organisation that has signed, when it is asked to confirm again"
                rows={2}
              />
            )}
          </form.AppField>
        )}
        <form.Actions label={submitLabel} busy={busy}>
          {cancel}
        </form.Actions>
      </form.Form>
    </form.AppForm>
  );
}
