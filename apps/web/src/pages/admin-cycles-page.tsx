/** The convenor's settings for the group's years and strands of work: cycles (open, close) and themes. */
import { cycleInputSchema, defaultCycleName, themeInputSchema } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, type Cycle, call } from "../api.ts";
import { ConfirmDialog } from "../components/dialog.tsx";
import { Field } from "../components/field.tsx";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { rememberCycle } from "../cycle-choice.ts";
import { apiFieldErrors, zodFieldErrors } from "../form-errors.ts";
import { formatDate } from "../format.ts";
import { cyclesQuery, themesQuery } from "../queries.ts";

export function AdminCyclesPage() {
  const cycles = useQuery(cyclesQuery);
  const themes = useQuery(themesQuery);
  return (
    <>
      <h1>Cycles and themes</h1>
      <section aria-labelledby="cycles-heading">
        <h2 id="cycles-heading">Cycles</h2>
        <p>
          A cycle runs from the annual goal-setting workshop to the AGM. Closing it at the AGM makes its goals and updates read-only
          history.
        </p>
        {cycles.isLoading ? (
          <Skeleton />
        ) : cycles.error ? (
          <ErrorMessage error={cycles.error} />
        ) : cycles.data?.cycles.length === 0 ? (
          <EmptyState title="No cycles yet">
            <p>Create the first below, with the dates of its workshop and AGM.</p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Cycle</th>
                  <th scope="col">Workshop</th>
                  <th scope="col">AGM</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {cycles.data?.cycles.map((c) => (
                  <CycleRow key={c.id} cycle={c} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <NewCycleForm />
      </section>
      <section aria-labelledby="themes-heading">
        <h2 id="themes-heading">Themes</h2>
        {themes.isLoading ? (
          <Skeleton />
        ) : (
          <ul className="plain-list">
            {themes.data?.themes.map((t) => (
              <li key={t.id}>
                <strong>{t.name}</strong> <span className="muted">{t.description}</span>
              </li>
            ))}
          </ul>
        )}
        <NewThemeForm />
      </section>
    </>
  );
}

function CycleRow({ cycle: c }: { cycle: Cycle }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const close = useMutation({
    mutationFn: () => call(api.cycles[":id"].close.$post({ param: { id: String(c.id) }, json: { version: c.version } })),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries();
      toast(`The ${c.name} cycle is closed.`);
    },
  });
  return (
    <tr>
      <th scope="row">{c.name}</th>
      <td data-label="Workshop">{formatDate(c.workshopDate)}</td>
      <td data-label="AGM">{formatDate(c.agmDate)}</td>
      <td data-label="State">{c.state === "closed" ? `Closed ${formatDate(c.closedAt)}` : "Open"}</td>
      <td>
        {c.state === "open" && (
          <button type="button" className="button small secondary" onClick={() => setConfirming(true)}>
            Close at AGM
          </button>
        )}
        <ConfirmDialog
          open={confirming}
          title={`Close the ${c.name} cycle?`}
          confirmLabel="Close cycle"
          busy={close.isPending}
          onConfirm={() => close.mutate()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Its goals, measures and updates become read-only history: nobody can post updates or edit them afterwards. Carry forward the
            goals that continue first, or afterwards from each goal's page.
          </p>
          <p>Closing cannot be undone from the dashboard.</p>
          {close.error && <ErrorMessage error={close.error} />}
        </ConfirmDialog>
      </td>
    </tr>
  );
}

function NewCycleForm() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState({ name: "", workshopDate: "", agmDate: "", updateIntervalDays: "42" });
  const [submitted, setSubmitted] = useState(false);
  const name = draft.name || (draft.workshopDate && draft.agmDate ? defaultCycleName(draft.workshopDate, draft.agmDate) : "");
  const input = { name, workshopDate: draft.workshopDate, agmDate: draft.agmDate, updateIntervalDays: Number(draft.updateIntervalDays) };
  const parsed = cycleInputSchema.safeParse(input);
  const create = useMutation({
    mutationFn: () => call(api.cycles.$post({ json: input })),
    onSuccess: (res) => {
      rememberCycle(res.cycle.id);
      setDraft({ name: "", workshopDate: "", agmDate: "", updateIntervalDays: "42" });
      setSubmitted(false);
      void queryClient.invalidateQueries({ queryKey: ["cycles"] });
      toast(`Cycle ${res.cycle.name} created and chosen.`);
    },
  });
  const errors = { ...(submitted && !parsed.success ? zodFieldErrors(parsed.error) : {}), ...apiFieldErrors(create.error) };
  return (
    <form
      className="form card"
      aria-labelledby="new-cycle-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (parsed.success) create.mutate();
      }}
    >
      <h3 id="new-cycle-heading">New cycle</h3>
      <div className="field-row">
        <Field id="workshopDate" label="Goal-setting workshop" error={errors.workshopDate}>
          {(p) => (
            <input {...p} type="date" value={draft.workshopDate} onChange={(e) => setDraft({ ...draft, workshopDate: e.target.value })} />
          )}
        </Field>
        <Field id="agmDate" label="AGM" error={errors.agmDate}>
          {(p) => <input {...p} type="date" value={draft.agmDate} onChange={(e) => setDraft({ ...draft, agmDate: e.target.value })} />}
        </Field>
        <Field id="cycleName" label="Name" hint={name && !draft.name ? `Will be “${name}”` : "e.g. 2026–27"} error={errors.name}>
          {(p) => <input {...p} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
        </Field>
        <Field id="updateIntervalDays" label="Flag goals with no update after (days)" error={errors.updateIntervalDays}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={7}
              max={365}
              value={draft.updateIntervalDays}
              onChange={(e) => setDraft({ ...draft, updateIntervalDays: e.target.value })}
            />
          )}
        </Field>
      </div>
      {create.error && !Object.keys(apiFieldErrors(create.error)).length && <ErrorMessage error={create.error} />}
      <button type="submit" className="button" disabled={create.isPending}>
        Create cycle
      </button>
    </form>
  );
}

function NewThemeForm() {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ name: "", description: "" });
  const [submitted, setSubmitted] = useState(false);
  const parsed = themeInputSchema.safeParse(draft);
  const create = useMutation({
    mutationFn: () => call(api.themes.$post({ json: draft })),
    onSuccess: () => {
      setDraft({ name: "", description: "" });
      setSubmitted(false);
      void queryClient.invalidateQueries({ queryKey: ["themes"] });
    },
  });
  const errors = { ...(submitted && !parsed.success ? zodFieldErrors(parsed.error) : {}), ...apiFieldErrors(create.error) };
  return (
    <form
      className="form card"
      aria-labelledby="new-theme-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (parsed.success) create.mutate();
      }}
    >
      <h3 id="new-theme-heading">New theme</h3>
      <Field id="themeName" label="Name" error={errors.name}>
        {(p) => <input {...p} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
      </Field>
      <Field id="themeDescription" label="Description (optional)" error={errors.description}>
        {(p) => <input {...p} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />}
      </Field>
      <button type="submit" className="button" disabled={create.isPending}>
        Add theme
      </button>
    </form>
  );
}
