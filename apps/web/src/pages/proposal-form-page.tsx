/**
 * Putting a question to the group, and editing it while it is open (convenor only). Options and
 * proposed times are typed one a line; the API's own schema checks them as the list it takes.
 */
import { type ProposalKind, proposalInputSchema, proposalKindLabels, proposalKinds, proposalPatchSchema } from "@convene/domain";
import { useStore } from "@tanstack/react-form";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useMemo } from "react";
import { useAccess } from "../access.ts";
import { ApiFailure, api, call, type ProposalPatchBody, type ProposalSummary } from "../api.ts";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { useCreate } from "../create-record.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { type IssuePath, shapedSchema } from "../forms/shaped-schema.ts";
import { takesStance } from "../proposal-format.ts";
import { proposalQuery } from "../queries.ts";
import { useVersionedEdit } from "../versioned-edit.tsx";

interface ProposalValues {
  question: string;
  description: string;
  kind: ProposalKind;
  /** The options or proposed times, one a line. */
  optionsText: string;
  closesAt: string;
  quorum: number;
  visibility: ProposalSummary["visibility"];
}

const linesOf = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The options as the API takes them: none for a kind that takes a stance, whatever was typed otherwise. */
const optionsOf = (v: Pick<ProposalValues, "kind" | "optionsText">) => (takesStance(v.kind) ? [] : linesOf(v.optionsText));

/** Every problem with the options (the list, or one of them) is shown beside the one box they are typed in. */
const optionsField = (path: IssuePath): IssuePath => (path[0] === "options" ? ["optionsText"] : path);

const proposalFieldLabels = {
  question: "The question",
  description: "Description",
  options: "Options",
  quorum: "Quorum",
  visibility: "Visible to",
} as const;

function valuesOf(p?: ProposalSummary): ProposalValues {
  return {
    question: p?.question ?? "",
    description: p?.description ?? "",
    kind: p?.kind ?? "consent",
    optionsText: p?.options.join("\n") ?? "",
    closesAt: p?.closesAt ?? "",
    quorum: p?.quorum ?? 10,
    visibility: p?.visibility ?? "members",
  };
}

const newSchema = shapedSchema(
  (v: ProposalValues) => ({
    question: v.question,
    description: v.description,
    kind: v.kind,
    options: optionsOf(v),
    closesAt: v.closesAt,
    quorum: v.quorum,
    visibility: v.visibility,
  }),
  proposalInputSchema,
  optionsField,
);

export function NewProposalPage() {
  const create = useCreate({
    send: (json: Parameters<typeof api.proposals.$post>[0]["json"]) => call(api.proposals.$post({ json })),
    root: "proposals",
    saved: "Proposal put to the group. Members can now give their organisation's position.",
    open: ({ proposal }) => ({ to: "/proposals/$proposalId", params: { proposalId: proposal.id } }),
  });
  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/proposals">Proposals</Link>
      </p>
      <h1>New proposal</h1>
      <ProposalForm
        initial={valuesOf()}
        schema={newSchema}
        editing={false}
        submitLabel="Put to the group"
        busy={create.isPending}
        error={create.error}
        onSubmit={(v) =>
          create.mutate(
            proposalInputSchema.parse({
              question: v.question,
              description: v.description,
              kind: v.kind,
              options: optionsOf(v),
              closesAt: v.closesAt,
              quorum: v.quorum,
              visibility: v.visibility,
            }),
          )
        }
        cancel={<Link to="/proposals">Cancel</Link>}
      />
    </>
  );
}

/** An open proposal's words, options (until chosen from), quorum and visibility; its closing time moves by "Extend". */
export function EditProposalPage() {
  const { proposalId } = useParams({ from: "/app/proposals/$proposalId/edit" });
  const detail = useQuery(proposalQuery(proposalId));
  const navigate = useNavigate();
  const toast = useToast();
  const edit = useVersionedEdit<ProposalSummary, ProposalPatchBody>({
    family: { root: "proposals", one: "proposal", many: "proposals" },
    send: async (id, json) => {
      const { proposal } = await call(api.proposals[":id"].$patch({ param: { id: String(id) }, json }));
      if (!proposal) throw new ApiFailure(404, "not_found", "This proposal is no longer there.");
      return proposal;
    },
    labels: proposalFieldLabels,
    onSaved: () => {
      toast("Proposal saved.");
      void navigate({ to: "/proposals/$proposalId", params: { proposalId } });
    },
  });
  const p = detail.data?.proposal;
  const schema = useMemo(
    () =>
      shapedSchema(
        (v: ProposalValues) => ({
          question: v.question,
          description: v.description,
          ...(takesStance(v.kind) ? {} : { options: optionsOf(v) }),
          quorum: v.quorum,
          visibility: v.visibility,
          version: p?.version ?? 1,
        }),
        proposalPatchSchema,
        optionsField,
      ),
    [p?.version],
  );
  if (detail.isLoading) return <SkeletonPage title="Edit proposal" />;
  if (detail.error || !p) return <ErrorMessage error={detail.error} />;
  return (
    <>
      <p className="breadcrumbs no-print">
        <Link to="/proposals">Proposals</Link> ›{" "}
        <Link to="/proposals/$proposalId" params={{ proposalId }}>
          {p.question}
        </Link>
      </p>
      <h1>Edit proposal</h1>
      {p.state !== "open" ? (
        <p>This proposal has ended, so it can no longer be edited.</p>
      ) : (
        <ProposalForm
          initial={valuesOf(p)}
          schema={schema}
          editing
          submitLabel="Save changes"
          busy={edit.isPending}
          error={edit.error}
          onSubmit={(v) =>
            edit.save(p, {
              question: v.question,
              description: v.description,
              ...(takesStance(p.kind) ? {} : { options: optionsOf(v) }),
              quorum: v.quorum,
              visibility: v.visibility,
            })
          }
          cancel={
            <Link to="/proposals/$proposalId" params={{ proposalId }}>
              Cancel
            </Link>
          }
        />
      )}
      {edit.dialog}
    </>
  );
}

function ProposalForm({
  initial,
  schema,
  editing,
  submitLabel,
  busy,
  error,
  onSubmit,
  cancel,
}: {
  initial: ProposalValues;
  schema: ReturnType<typeof shapedSchema<ProposalValues>>;
  /** Kind and closing time are fixed once the question is put; the closing time moves by "Extend". */
  editing: boolean;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: ProposalValues) => void;
  cancel: React.ReactNode;
}) {
  const { visibilityChoices } = useAccess();
  const form = useAppForm({
    defaultValues: initial,
    validators: { onChange: schema },
    onSubmit: ({ value }) => onSubmit(value),
  });
  const kind = useStore(form.store, (s) => s.values.kind);
  return (
    <form.AppForm>
      <form.Form error={error}>
        <form.AppField name="question">
          {(f) => <f.TextField label="The question" hint="Put it so that organisations can answer it as written" maxLength={300} />}
        </form.AppField>
        <form.AppField name="description">
          {(f) => (
            <f.TextAreaField label="Description (optional)" hint="The background, and what agreeing would commit the group to" rows={5} />
          )}
        </form.AppField>
        {!editing && (
          <form.AppField name="kind">
            {(f) => (
              <f.RadiosField
                label="Kind"
                hint="Consent: agree, abstain, disagree or block. Sense check: the same, without a block."
                options={proposalKinds.map((k) => ({ value: k, label: proposalKindLabels[k] }))}
              />
            )}
          </form.AppField>
        )}
        {!takesStance(kind) && (
          <form.AppField name="optionsText">
            {(f) => (
              <f.TextAreaField
                label={kind === "time" ? "Proposed times" : "Options"}
                hint={kind === "time" ? "One a line, for example: Tue 8 Dec, 10:00" : "One a line; organisations may choose more than one"}
                rows={5}
              />
            )}
          </form.AppField>
        )}
        <div className="field-row">
          {!editing && (
            <form.AppField
              name="closesAt"
              validators={{
                // The API refuses a closing time already past; say so before sending.
                onChange: ({ value }) => (value && Date.parse(value) <= Date.now() ? "Enter a closing time in the future" : undefined),
              }}
            >
              {(f) => <f.DateTimeField label="Closing time" hint="Positions can be given or changed until then" />}
            </form.AppField>
          )}
          <form.AppField name="quorum">
            {(f) => <f.NumberField label="Quorum" hint="How many organisations must give a position" whole />}
          </form.AppField>
          <form.AppField name="visibility">{(f) => <f.VisibilityField choices={visibilityChoices} />}</form.AppField>
        </div>
        <form.Actions label={submitLabel} busy={busy}>
          {cancel}
        </form.Actions>
      </form.Form>
    </form.AppForm>
  );
}
