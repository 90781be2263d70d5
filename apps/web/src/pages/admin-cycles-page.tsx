/** The convenor's settings for the group's years and strands of work: cycles (open, close) and themes. */
import { cycleInputSchema, cycleStartLabel, cycleWords, defaultCycleName, themeInputSchema } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import { api, type Cycle, call } from "../api.ts";
import { ConfirmDialog } from "../components/dialog.tsx";
import { EmptyState, ErrorMessage, Skeleton } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { rememberCycle } from "../cycle-choice.ts";
import { formatDate } from "../format.ts";
import { useAppForm } from "../forms/form-kit.tsx";
import { shapedSchema } from "../forms/shaped-schema.ts";
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
      toast(`The ${cycleWords(c.name)} is closed.`);
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
          title={`Close the ${cycleWords(c.name)}?`}
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

type CycleValues = { name: string; workshopDate: string; agmDate: string; updateIntervalDays: number | null };

/** Left empty, a cycle is named after its years ("2026–27"). */
const withName = (v: CycleValues) => ({
  ...v,
  name: v.name || (v.workshopDate && v.agmDate ? defaultCycleName(v.workshopDate, v.agmDate) : ""),
});

const newCycle: CycleValues = { name: "", workshopDate: "", agmDate: "", updateIntervalDays: 42 };

function NewCycleForm() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation({
    mutationFn: (json: Parameters<typeof api.cycles.$post>[0]["json"]) => call(api.cycles.$post({ json })),
    onSuccess: (res) => {
      // Next year's cycle, made early, is not chosen: the pages stay on the year people are in.
      const future = cycleStartLabel(res.cycle);
      if (!future) rememberCycle(res.cycle.id);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ["cycles"] });
      toast(future ? `Cycle ${res.cycle.name} created; it ${future}.` : `Cycle ${res.cycle.name} created and chosen.`);
    },
  });
  const form = useAppForm({
    defaultValues: newCycle,
    validators: { onChange: shapedSchema(withName, cycleInputSchema) },
    onSubmit: ({ value }) => create.mutate(cycleInputSchema.parse(withName(value))),
  });
  return (
    <section className="card" aria-labelledby="new-cycle-heading">
      <h3 id="new-cycle-heading">New cycle</h3>
      <form.AppForm>
        <form.Form error={create.error} idPrefix="cycle">
          <div className="field-row">
            <form.AppField name="workshopDate" listeners={{ onChange: () => form.validateField("agmDate", "change") }}>
              {(f) => <f.DateField label="Goal-setting workshop" />}
            </form.AppField>
            <form.AppField name="agmDate">{(f) => <f.DateField label="AGM" />}</form.AppField>
            <form.Subscribe selector={(s) => withName(s.values).name}>
              {(name) => (
                <form.AppField name="name">
                  {(f) => <f.TextField label="Name" hint={name && !f.state.value ? `Will be “${name}”` : "For example, 2026–27"} />}
                </form.AppField>
              )}
            </form.Subscribe>
            <form.AppField name="updateIntervalDays">
              {(f) => <f.NumberField label="Flag goals with no update after (days)" whole />}
            </form.AppField>
          </div>
          <form.Actions label="Create cycle" busy={create.isPending} />
        </form.Form>
      </form.AppForm>
    </section>
  );
}

type ThemeValues = z.input<typeof themeInputSchema>;
const newTheme: ThemeValues = { name: "", description: "" };

function NewThemeForm() {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (json: Parameters<typeof api.themes.$post>[0]["json"]) => call(api.themes.$post({ json })),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ["themes"] });
    },
  });
  const form = useAppForm({
    defaultValues: newTheme,
    validators: { onChange: themeInputSchema },
    onSubmit: ({ value }) => create.mutate(themeInputSchema.parse(value)),
  });
  return (
    <section className="card" aria-labelledby="new-theme-heading">
      <h3 id="new-theme-heading">New theme</h3>
      <form.AppForm>
        <form.Form error={create.error} idPrefix="theme">
          <form.AppField name="name">{(f) => <f.TextField label="Name" maxLength={80} />}</form.AppField>
          <form.AppField name="description">{(f) => <f.TextField label="Description (optional)" />}</form.AppField>
          <form.Actions label="Add theme" busy={create.isPending} />
        </form.Form>
      </form.AppForm>
    </section>
  );
}
