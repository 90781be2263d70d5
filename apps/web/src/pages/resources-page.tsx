/**
 * The group's shared library of documents and links. Members may add; whoever added a resource
 * may edit it; the convenor, as keeper, edits and deletes anything (with undo).
 */
import { parseTags, resourceInputSchema, type Visibility, visibilityLabels } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useAccess } from "../access.ts";
import { api, call, type ResourcePatchBody, type ResourceRecord } from "../api.ts";
import { CsvDownload } from "../components/csv-download.tsx";
import { Dialog } from "../components/dialog.tsx";
import { FilterBar, FilterSelect } from "../components/filter-select.tsx";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { formatCompactDate } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
import { resourcesQuery } from "../queries.ts";
import { useSoftDelete } from "../soft-delete.tsx";
import { useVersionedEdit } from "../versioned-edit.tsx";

export function ResourcesPage() {
  const search = useSearch({ from: "/app/resources" });
  const navigate = useNavigate({ from: "/resources" });
  const { isConvenor, takesPart: mayAdd, mayEdit } = useAccess();
  const list = useQuery(resourcesQuery({ tag: search.tag, q: search.q }));
  const setSearch = (patch: Partial<typeof search>) => void navigate({ search: (p) => ({ ...p, ...patch }), replace: true });
  const [q, setQ] = useState(search.q ?? "");
  useEffect(() => {
    const t = setTimeout(() => {
      if ((search.q ?? "") !== q) setSearch({ q: q || undefined });
    }, 300);
    return () => clearTimeout(t);
  });
  const [editing, setEditing] = useState<ResourceRecord | "new" | null>(null);
  const removal = useSoftDelete({
    family: "resources",
    remove: (r: ResourceRecord) => call(api.resources[":id"].$delete({ param: { id: String(r.id) } })),
    restore: (r: ResourceRecord) => call(api.resources[":id"].restore.$post({ param: { id: String(r.id) } })),
    name: (r) => `the resource “${r.title}”`,
    confirmLabel: "Delete resource",
    lost: () => <p>It will leave the library for everyone. You can undo straight after.</p>,
  });
  const filtered = Boolean(search.tag || search.q);

  return (
    <>
      <div className="page-head">
        <h1>Resources</h1>
        {mayAdd && (
          <button type="button" className="button no-print" onClick={() => setEditing("new")}>
            Add a resource
          </button>
        )}
      </div>
      <p className="lede">Shared documents and links: reports, guides, and the group's self-care and mutual-support material.</p>
      <FilterBar
        filtered={filtered}
        onClear={() => {
          setQ("");
          setSearch({ tag: undefined, q: undefined });
        }}
      >
        <div className="field">
          <label htmlFor="resource-search">Search</label>
          <input
            id="resource-search"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Words in title, description or tags"
          />
        </div>
        <FilterSelect
          id="filter-tag"
          label="Tag"
          allLabel="All tags"
          value={search.tag}
          options={(list.data?.tags ?? []).map((t) => ({ value: t, label: t }))}
          onChange={(v) => setSearch({ tag: v })}
        />
      </FilterBar>
      <CsvDownload path="/data/resources.csv" query={{ tag: search.tag, q: search.q }} />
      {list.isLoading ? (
        <Skeleton lines={6} height="2.5rem" />
      ) : list.error ? (
        <ErrorMessage error={list.error} retry={() => list.refetch()} />
      ) : list.data?.resources.length === 0 ? (
        filtered ? (
          <EmptyState title="No resources match">
            <p>Try other words or another tag, or clear the filters.</p>
          </EmptyState>
        ) : (
          <EmptyState title="The library is empty">
            <p>Shared documents and links appear here with their tags.</p>
            {mayAdd && (
              <button type="button" className="button" onClick={() => setEditing("new")}>
                Add the first resource
              </button>
            )}
          </EmptyState>
        )
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {list.data?.resources.length === 1 ? "1 resource" : `${list.data?.resources.length} resources`}
          </p>
          <ul className="resource-list">
            {list.data?.resources.map((r) => (
              <li key={r.id} className="card resource">
                <h2 className="resource-title">
                  {r.url ? (
                    <a href={r.url} rel="noopener noreferrer" target="_blank">
                      {r.title}
                      <span className="visually-hidden"> (opens in a new tab)</span>
                    </a>
                  ) : (
                    r.title
                  )}
                </h2>
                {r.description && <p className="description">{r.description}</p>}
                {!r.url && <p className="muted small">No link added yet{isConvenor ? ": edit to add one." : "."}</p>}
                {r.url && <p className="small resource-url">{r.url}</p>}
                <div className="resource-meta">
                  {r.tags.map((t) => (
                    <button
                      key={t}
                      type="button"
                      className="tag"
                      onClick={() => setSearch({ tag: t })}
                      aria-label={`Show resources tagged ${t}`}
                    >
                      {t}
                    </button>
                  ))}
                  <VisibilityBadge visibility={r.visibility} />
                  <span className="muted small">
                    Added by {r.createdByName} on {formatCompactDate(r.createdAt)}
                  </span>
                </div>
                {mayEdit(r) && (
                  <div className="actions no-print">
                    <button type="button" className="button small secondary" onClick={() => setEditing(r)}>
                      Edit<span className="visually-hidden"> {r.title}</span>
                    </button>
                    {isConvenor && (
                      <button type="button" className="button small danger" onClick={() => removal.ask(r)}>
                        Delete<span className="visually-hidden"> {r.title}</span>
                      </button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <Dialog open={editing !== null} title={editing === "new" ? "Add a resource" : "Edit resource"} onClose={() => setEditing(null)}>
        {editing !== null && <ResourceForm resource={editing === "new" ? null : editing} onDone={() => setEditing(null)} />}
      </Dialog>
      {removal.dialog}
    </>
  );
}

/** What the form holds: tags as typed, "self-care, mutual support". */
interface ResourceValues {
  title: string;
  description: string;
  url: string;
  tags: string;
  visibility: Visibility;
}

const asInput = (v: ResourceValues) => ({ ...v, tags: parseTags(v.tags) });
// A problem with one tag ("tags.2") belongs beside the one box that holds them all.
const resourceFormSchema = shapedSchema(asInput, resourceInputSchema, (path) => (path[0] === "tags" ? ["tags"] : path));

const resourceLabels = { title: "Title", description: "Description", url: "Link", tags: "Tags", visibility: "Visible to" } as const;

function ResourceForm({ resource, onDone }: { resource: ResourceRecord | null; onDone: () => void }) {
  const { visibilityChoices } = useAccess();
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation({
    mutationFn: (json: Parameters<typeof api.resources.$post>[0]["json"]) => call(api.resources.$post({ json })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["resources"] });
      toast("Resource added.");
      onDone();
    },
  });
  const edit = useVersionedEdit<ResourceRecord, ResourcePatchBody>({
    family: { root: "resources", one: "resource", many: "resources" },
    send: (id, json) => call(api.resources[":id"].$patch({ param: { id: String(id) }, json })).then((r) => r.resource),
    labels: resourceLabels,
    show: (field, value) => (field === "visibility" ? visibilityLabels[value as Visibility] : undefined),
    onSaved: (saved, before) => {
      if (saved !== before) toast("Resource saved.");
      onDone();
    },
  });
  const form = useAppForm({
    defaultValues: {
      title: resource?.title ?? "",
      description: resource?.description ?? "",
      url: resource?.url ?? "",
      tags: resource?.tags.join(", ") ?? "",
      visibility: resource?.visibility ?? "members",
    } as ResourceValues,
    validators: { onChange: resourceFormSchema },
    onSubmit: ({ value }) => {
      const input = resourceInputSchema.parse(asInput(value));
      if (resource) edit.save(resource, input);
      else create.mutate(input);
    },
  });
  return (
    <form.AppForm>
      <form.Form idPrefix="resource" error={resource ? edit.error : create.error}>
        <form.AppField name="title">{(f) => <f.TextField label="Title" maxLength={300} />}</form.AppField>
        <form.AppField name="description">{(f) => <f.TextAreaField label="Description (optional)" rows={3} />}</form.AppField>
        <form.AppField name="url">
          {(f) => <f.TextField label="Link (optional)" hint="A web address starting http:// or https://" type="url" />}
        </form.AppField>
        <form.AppField name="tags">{(f) => <f.TextField label="Tags (optional)" hint="A few words, separated by commas" />}</form.AppField>
        <form.AppField name="visibility">{(f) => <f.VisibilityField choices={visibilityChoices} />}</form.AppField>
        <form.Actions label={resource ? "Save changes" : "Add resource"} busy={create.isPending || edit.isPending} onCancel={onDone} />
      </form.Form>
      {edit.dialog}
    </form.AppForm>
  );
}
