/**
 * Logging or editing a contribution, validated as you type with the same schema the API uses.
 * A member's organisation is fixed to their own; the convenor chooses any organisation.
 */
import {
  type ContributionKind,
  contributionInputSchema,
  contributionKindLabels,
  contributionKinds,
  type Visibility,
  visibilities,
  visibilityLabels,
} from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiFailure, api, type ContributionRecord, call } from "../api.ts";
import { useCycleChoice } from "../cycle-choice.ts";
import { apiFieldErrors, zodFieldErrors } from "../form-errors.ts";
import { formatCompactDate, todayIso } from "../format.ts";
import { goalsQuery, meetingsQuery, meQuery, milestonesQuery, organisationsQuery } from "../queries.ts";
import { Field } from "./field.tsx";
import { ErrorMessage } from "./states.tsx";
import { useToast } from "./toast.tsx";

const idOrNull = (v: string) => (v === "" ? null : Number(v));

export function ContributionForm({ contribution, onDone }: { contribution: ContributionRecord | null; onDone: () => void }) {
  const me = useQuery(meQuery);
  const user = me.data?.user;
  const isConvenor = user?.role === "convenor";
  const orgs = useQuery(organisationsQuery);
  const { cycle } = useCycleChoice();
  const goals = useQuery({ ...goalsQuery({ cycleId: cycle?.id }), enabled: cycle !== undefined });
  const milestones = useQuery(milestonesQuery({ order: "desc" }));
  const meetings = useQuery(meetingsQuery({}));
  const [draft, setDraft] = useState({
    organisationId: String(contribution?.organisationId ?? (isConvenor ? "" : (user?.organisationId ?? ""))),
    kind: (contribution?.kind ?? "") as ContributionKind | "",
    date: contribution?.date ?? todayIso(),
    description: contribution?.description ?? "",
    hours: contribution?.hours === null || contribution?.hours === undefined ? "" : String(contribution.hours),
    goalId: String(contribution?.goalId ?? ""),
    milestoneId: String(contribution?.milestoneId ?? ""),
    meetingId: String(contribution?.meetingId ?? ""),
    visibility: (contribution?.visibility ?? "members") as Visibility,
  });
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [stale, setStale] = useState<ContributionRecord | null>(null);
  const queryClient = useQueryClient();
  const toast = useToast();
  const fields = {
    organisationId: draft.organisationId === "" ? undefined : Number(draft.organisationId),
    kind: draft.kind || undefined,
    date: draft.date,
    description: draft.description,
    hours: draft.hours.trim() === "" ? null : Number(draft.hours),
    goalId: idOrNull(draft.goalId),
    milestoneId: idOrNull(draft.milestoneId),
    meetingId: idOrNull(draft.meetingId),
    visibility: draft.visibility,
  };
  const parsed = contributionInputSchema.safeParse(fields);
  const save = useMutation({
    mutationFn: (version?: number) => {
      if (!parsed.success) throw new Error("The form has problems to fix first.");
      return contribution
        ? call(
            api.contributions[":id"].$patch({
              param: { id: String(contribution.id) },
              json: { ...parsed.data, version: version ?? contribution.version },
            }),
          )
        : call(api.contributions.$post({ json: parsed.data }));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["contributions"] });
      toast(contribution ? "Contribution saved." : "Contribution logged.");
      onDone();
    },
    onError: (err) => {
      if (err instanceof ApiFailure && err.status === 409 && err.details?.current) setStale(err.details.current as ContributionRecord);
    },
  });
  const clientErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
  const serverErrors = apiFieldErrors(save.error);
  const errorFor = (f: string) => (touched.has(f) ? clientErrors[f] : undefined) ?? serverErrors[f];
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const touch = (f: string) => setTouched((t) => new Set(t).add(f));
  const ownOrg = user?.organisation;

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
            Someone else saved this contribution first. Saved now: {contributionKindLabels[stale.kind]} on {formatCompactDate(stale.date)},
            “{stale.description}”{stale.hours !== null ? `, ${stale.hours} hours` : ""}.
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
      {isConvenor ? (
        <Field id="contribution-org" label="Organisation" error={errorFor("organisationId")}>
          {(p) => (
            <select
              {...p}
              value={draft.organisationId}
              onChange={(e) => set({ organisationId: e.target.value })}
              onBlur={() => touch("organisationId")}
            >
              <option value="">Choose an organisation</option>
              {orgs.data?.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <p className="field">
          <span className="label">Organisation</span> {ownOrg?.name ?? "Your account is not linked to an organisation: ask the convenor."}
        </p>
      )}
      <Field
        id="contribution-kind"
        label={isConvenor ? "What the organisation did" : "What your organisation did"}
        error={errorFor("kind")}
      >
        {(p) => (
          <select
            {...p}
            value={draft.kind}
            onChange={(e) => set({ kind: e.target.value as ContributionKind })}
            onBlur={() => touch("kind")}
          >
            <option value="">Choose a kind</option>
            {contributionKinds.map((k) => (
              <option key={k} value={k}>
                {contributionKindLabels[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="contribution-date" label="Date" error={errorFor("date")}>
        {(p) => (
          <input {...p} type="date" value={draft.date} onChange={(e) => set({ date: e.target.value })} onBlur={() => touch("date")} />
        )}
      </Field>
      <Field id="contribution-description" label="Description" hint="What was done, in a sentence or two" error={errorFor("description")}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            maxLength={2000}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
            onBlur={() => touch("description")}
          />
        )}
      </Field>
      <Field id="contribution-hours" label="Hours (optional)" hint="Roughly how long it took" error={errorFor("hours")}>
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="decimal"
            min={0}
            step="0.5"
            value={draft.hours}
            onChange={(e) => set({ hours: e.target.value })}
            onBlur={() => touch("hours")}
          />
        )}
      </Field>
      <Field id="contribution-goal" label="Towards a goal (optional)" error={errorFor("goalId")}>
        {(p) => (
          <select {...p} value={draft.goalId} onChange={(e) => set({ goalId: e.target.value })}>
            <option value="">No goal</option>
            {goals.data?.goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.title}
              </option>
            ))}
            {contribution?.goalId && !goals.data?.goals.some((g) => g.id === contribution.goalId) && (
              <option value={contribution.goalId}>{contribution.goalTitle}</option>
            )}
          </select>
        )}
      </Field>
      <Field id="contribution-milestone" label="For a milestone (optional)" error={errorFor("milestoneId")}>
        {(p) => (
          <select {...p} value={draft.milestoneId} onChange={(e) => set({ milestoneId: e.target.value })}>
            <option value="">No milestone</option>
            {milestones.data?.milestones.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="contribution-meeting" label="At a meeting (optional)" error={errorFor("meetingId")}>
        {(p) => (
          <select {...p} value={draft.meetingId} onChange={(e) => set({ meetingId: e.target.value })}>
            <option value="">No meeting</option>
            {meetings.data?.meetings.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title} ({formatCompactDate(m.startsAt)})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="contribution-visibility" label="Visible to" error={errorFor("visibility")}>
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
          {save.isPending ? "Saving…" : contribution ? "Save changes" : "Log contribution"}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
