/**
 * The group's shared library of documents and links. Members may add; whoever added a resource
 * may edit it; the convenor, as keeper, edits and deletes anything (with undo).
 */
import { parseTags, resourceInputSchema, type Visibility, visibilities, visibilityLabels } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { ApiFailure, api, call, type ResourceRecord } from "../api.ts";
import { CsvDownload } from "../components/csv-download.tsx";
import { Dialog } from "../components/dialog.tsx";
import { Field } from "../components/field.tsx";
import { FilterSelect } from "../components/filter-select.tsx";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { VisibilityBadge } from "../components/visibility-badge.tsx";
import { apiFieldErrors, zodFieldErrors } from "../form-errors.ts";
import { formatCompactDate } from "../format.ts";
import { meQuery, resourcesQuery } from "../queries.ts";
import { useSoftDelete } from "../soft-delete.tsx";

export function ResourcesPage() {
  const search = useSearch({ from: "/app/resources" });
  const navigate = useNavigate({ from: "/resources" });
  const me = useQuery(meQuery);
  const user = me.data?.user;
  const isConvenor = user?.role === "convenor";
  const mayAdd = isConvenor || user?.role === "member";
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
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet in React's JSX types */}
      <form className="filters no-print" role="search" onSubmit={(e) => e.preventDefault()}>
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
        {filtered && (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setQ("");
              setSearch({ tag: undefined, q: undefined });
            }}
          >
            Clear filters
          </button>
        )}
      </form>
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
                {(isConvenor || r.createdById === user?.id) && (
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
        {editing !== null && (
          <ResourceForm resource={editing === "new" ? null : editing} isConvenor={isConvenor} onDone={() => setEditing(null)} />
        )}
      </Dialog>
      {removal.dialog}
    </>
  );
}

function ResourceForm({ resource, isConvenor, onDone }: { resource: ResourceRecord | null; isConvenor: boolean; onDone: () => void }) {
  const [draft, setDraft] = useState({
    title: resource?.title ?? "",
    description: resource?.description ?? "",
    url: resource?.url ?? "",
    tags: resource?.tags.join(", ") ?? "",
    visibility: (resource?.visibility ?? "members") as Visibility,
  });
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [stale, setStale] = useState<ResourceRecord | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const fields = { ...draft, tags: parseTags(draft.tags) };
  const parsed = resourceInputSchema.safeParse(fields);
  const save = useMutation({
    mutationFn: (version?: number) =>
      resource
        ? call(
            api.resources[":id"].$patch({ param: { id: String(resource.id) }, json: { ...fields, version: version ?? resource.version } }),
          )
        : call(api.resources.$post({ json: fields })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["resources"] });
      toast(resource ? "Resource saved." : "Resource added.");
      onDone();
    },
    onError: (err) => {
      if (err instanceof ApiFailure && err.status === 409 && err.details?.current) setStale(err.details.current as ResourceRecord);
    },
  });
  const clientErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const serverErrors = apiFieldErrors(save.error);
  const errorFor = (f: string) => (touched.has(f) ? clientErrors[f] : undefined) ?? serverErrors[f];
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const touch = (f: string) => setTouched((t) => new Set(t).add(f));
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(new Set(Object.keys(draft)));
        if (parsed.success) save.mutate(undefined);
      }}
    >
      {save.error != null && !stale && Object.keys(serverErrors).length === 0 && <ErrorMessage error={save.error} />}
      {stale && (
        <div className="notice" role="alert">
          <p>
            Someone else saved this resource first (now titled “{stale.title}”, link {stale.url ?? "empty"}, tags{" "}
            {stale.tags.join(", ") || "none"}).
          </p>
          <div className="actions">
            <button type="button" className="button small" onClick={onDone}>
              Keep theirs
            </button>
            <button type="button" className="button small secondary" onClick={() => save.mutate(stale.version)}>
              Save mine over theirs
            </button>
          </div>
        </div>
      )}
      <Field id="resource-title" label="Title" error={errorFor("title")}>
        {(p) => (
          <input
            {...p}
            value={draft.title}
            maxLength={300}
            onChange={(e) => set({ title: e.target.value })}
            onBlur={() => touch("title")}
          />
        )}
      </Field>
      <Field id="resource-description" label="Description (optional)" error={errorFor("description")}>
        {(p) => <textarea {...p} rows={3} value={draft.description} onChange={(e) => set({ description: e.target.value })} />}
      </Field>
      <Field id="resource-url" label="Link (optional)" hint="A web address starting http:// or https://" error={errorFor("url")}>
        {(p) => <input {...p} type="url" value={draft.url} onChange={(e) => set({ url: e.target.value })} onBlur={() => touch("url")} />}
      </Field>
      <Field id="resource-tags" label="Tags (optional)" hint="A few words, separated by commas" error={errorFor("tags")}>
        {(p) => <input {...p} value={draft.tags} onChange={(e) => set({ tags: e.target.value })} onBlur={() => touch("tags")} />}
      </Field>
      <Field id="resource-visibility" label="Visible to" error={errorFor("visibility")}>
        {(p) => (
          <select {...p} value={draft.visibility} onChange={(e) => set({ visibility: e.target.value as Visibility })}>
            {(isConvenor ? visibilities : visibilities.filter((v) => v !== "convenor")).map((v) => (
              <option key={v} value={v}>
                {visibilityLabels[v]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? "Saving…" : resource ? "Save changes" : "Add resource"}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
