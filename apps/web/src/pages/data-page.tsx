/**
 * Data in and out: the convenor's complete export and goal import; everyone who posts progress
 * can download their organisation's measures as a spreadsheet and upload new values. Every
 * upload is previewed with its problems by row and column; nothing is written until it is all valid.
 */

import { cycleWords, goalStatusLabels, type Visibility, visibilities, visibilityLabels } from "@convene/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { useAccess } from "../access.ts";
import { ApiFailure, api, call, type GoalImportPreview, type RowProblem, type UpdateImportPreview } from "../api.ts";
import { CsvDownload } from "../components/csv-download.tsx";
import { ErrorMessage, SkeletonPage } from "../components/states.tsx";
import { useToast } from "../components/toast.tsx";
import { useCycleChoice } from "../cycle-choice.ts";
import { formatDate, formatNumber, plural } from "../format.ts";
import { meQuery } from "../queries.ts";

const MAX_BYTES = 1_000_000;

export function DataPage() {
  const me = useQuery(meQuery);
  const { user, isConvenor, mayLogContributions: posts } = useAccess();
  const { cycle, isLoading } = useCycleChoice();
  if (me.isLoading || isLoading) return <SkeletonPage title="Data in and out" />;
  return (
    <>
      <h1>Data in and out {cycle && <span className="subtitle">Cycle: {cycle.name}</span>}</h1>
      <p>
        Any table of goals can be downloaded as a spreadsheet (CSV) with the filters you chose: use <strong>Download CSV</strong> on the{" "}
        <Link to="/goals">Goals</Link> page.
      </p>
      {posts && (
        <section aria-labelledby="measures-heading" className="card data-card">
          <h2 id="measures-heading">Update measures from a spreadsheet</h2>
          {!cycle ? (
            <p>There is no cycle yet, so there are no measures to update.</p>
          ) : (
            <>
              <ol className="steps">
                <li>
                  Download{" "}
                  {isConvenor
                    ? "the cycle's measures"
                    : `the measures of goals ${user?.organisation?.name ?? "your organisation"} leads or supports`}
                  : <CsvDownload path="/data/my-measures.csv" query={{ cycleId: cycle.id }} label="Download measures (CSV)" />
                </li>
                <li>
                  Fill in <code>new_value</code> where a measure has moved (1 or 0 for done/not done), and a <code>note</code> if you like.
                  Leave the ids as they are.
                </li>
                <li>Upload the file, check the preview, then confirm. Each goal gets one progress update.</li>
              </ol>
              <UpdatesImport />
            </>
          )}
        </section>
      )}
      {isConvenor && (
        <section aria-labelledby="goals-import-heading" className="card data-card">
          <h2 id="goals-import-heading">Import goals from a spreadsheet</h2>
          {!cycle ? (
            <p>
              Create a cycle first in <Link to="/admin/cycles">Cycles and themes</Link>; imported goals go into the chosen cycle.
            </p>
          ) : cycle.state === "closed" ? (
            <p>The {cycleWords(cycle.name)} is closed; choose an open cycle at the top of the page to import goals into it.</p>
          ) : (
            <>
              <p>
                One row per measure; rows with the same <code>title</code> make one goal with several measures (a goal's other columns need
                filling in only on its first row). <code>theme</code> is a theme's name, <code>lead</code> and <code>supporters</code> are
                organisations' short names or names (supporters separated by <code>;</code>). Dates as 2027-03-31 or 31/03/2027. Goals go
                into the {cycleWords(cycle.name)}.
              </p>
              <p>
                <CsvDownload path="/data/goals-template.csv" label="Download the template (CSV)" />
              </p>
              <GoalsImport cycle={cycle} />
            </>
          )}
        </section>
      )}
      {isConvenor && (
        <section aria-labelledby="export-heading" className="card data-card">
          <h2 id="export-heading">Download everything</h2>
          <p>
            A complete copy of the group's data as one JSON file: organisations, cycles, themes, goals, measures, updates, people's names
            and roles, settings and the audit log. Passwords, sign-in sessions and invitation links are never included. Keep it somewhere
            safe: it holds members-only and convenor-only records.
          </p>
          <p>
            <a className="button secondary" href="/api/data/export.json" download>
              Download the complete export (JSON)
            </a>
          </p>
          <p className="muted small">
            To restore it into a new, empty Convene: <code>DATABASE_PATH=new.db npm run admin -- restore --from FILE</code>.
          </p>
        </section>
      )}
      {!posts && !isConvenor && (
        <p>Observers can download the goals they can see from the Goals page. Uploading data is for members and the convenor.</p>
      )}
    </>
  );
}

/** A member's or the convenor's upload of new values, with who may see the updates it posts. */
function UpdatesImport() {
  const id = useId();
  const [visibility, setVisibility] = useState<Visibility>("members");
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-visibility`}>Who can see these updates</label>
        <p className="hint" id={`${id}-visibility-hint`}>
          An update is never shown more widely than its goal.
        </p>
        <select
          id={`${id}-visibility`}
          aria-describedby={`${id}-visibility-hint`}
          value={visibility}
          onChange={(e) => setVisibility(e.target.value as Visibility)}
        >
          {visibilities.map((v) => (
            <option key={v} value={v}>
              {visibilityLabels[v]}
            </option>
          ))}
        </select>
      </div>
      <ImportFlow<UpdateImportPreview>
        kind="updates"
        options={visibility}
        preview={(csv) => call(api.data.updates.import.preview.$post({ json: { csv, visibility } }))}
        confirm={async (csv) =>
          `${plural((await call(api.data.updates.import.$post({ json: { csv, visibility } }))).created.length, "progress update")} posted.`
        }
        renderPreview={(p) => <UpdatesPreview preview={p} />}
      />
    </>
  );
}

type ExistingChoice = "skip" | "update";

/** The convenor's goal import; goals the cycle already has are skipped unless the convenor chooses to update them. */
function GoalsImport({ cycle }: { cycle: { id: number; name: string } }) {
  const [existing, setExisting] = useState<ExistingChoice>("skip");
  return (
    <ImportFlow<GoalImportPreview>
      kind="goals"
      preview={(csv) => call(api.data.goals.import.preview.$post({ json: { cycleId: cycle.id, csv } }))}
      confirm={async (csv, p) => {
        const r = await call(api.data.goals.import.$post({ json: { cycleId: cycle.id, csv, ...(p.existing.length ? { existing } : {}) } }));
        const parts = [
          `${plural(r.created.length, "goal")} imported into ${cycle.name}`,
          r.updated.length ? `${plural(r.updated.length, "goal")} updated` : "",
          r.skipped.length ? `${plural(r.skipped.length, "goal")} already there left as they were` : "",
        ];
        return `${parts.filter(Boolean).join("; ")}.`;
      }}
      renderPreview={(p) => <GoalsPreview preview={p} existing={existing} onExisting={setExisting} />}
    />
  );
}

interface Previewed {
  ok: boolean;
  problems: RowProblem[];
}

function ImportFlow<P extends Previewed>({
  kind,
  options,
  preview,
  confirm,
  renderPreview,
}: {
  kind: string;
  /** Choices made beside the upload (e.g. visibility): a change previews the file again. */
  options?: string;
  preview: (csv: string) => Promise<P>;
  /** Writes the file and says what it did, for the confirmation. */
  confirm: (csv: string, previewed: P) => Promise<string>;
  renderPreview: (p: P) => React.ReactNode;
}) {
  const id = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [result, setResult] = useState<P | null>(null);
  const [problems, setProblems] = useState<RowProblem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  const reset = () => {
    setCsv(null);
    setResult(null);
    setProblems(null);
    setError(null);
    setFileName("");
    setInputKey((k) => k + 1);
  };

  const choose = async (file: File | undefined) => {
    reset();
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_BYTES) {
      setError(new ApiFailure(413, "too_large", `${file.name} is larger than 1 MB. Split it into smaller files.`));
      return;
    }
    await check(await file.text());
  };

  async function check(text: string) {
    setBusy(true);
    try {
      const p = await preview(text);
      setCsv(text);
      setResult(p);
      setProblems(p.ok ? null : p.problems);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  // A choice beside the upload changes what the preview says, so the file is checked again.
  const [previewedWith, setPreviewedWith] = useState(options);
  if (previewedWith !== options) {
    setPreviewedWith(options);
    if (csv) void check(csv);
  }

  const run = async () => {
    if (!csv || !result) return;
    setBusy(true);
    try {
      const said = await confirm(csv, result);
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast(said);
      reset();
    } catch (e) {
      const details = e instanceof ApiFailure ? (e.details?.problems as RowProblem[] | undefined) : undefined;
      if (details) setProblems(details);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="import-flow">
      <div className="field">
        <label htmlFor={`${id}-file`}>Spreadsheet to upload (CSV, up to 1 MB and 2,000 rows)</label>
        <input
          key={inputKey}
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void choose(e.target.files?.[0])}
          disabled={busy}
        />
      </div>
      {busy && <p aria-live="polite">Checking {fileName}…</p>}
      {error !== null && <ErrorMessage error={error} />}
      {problems && (
        <div className="import-problems" role="alert">
          <h3>
            {fileName} has {plural(problems.length, "problem")}; nothing has been imported
          </h3>
          <p>Fix these in the spreadsheet, save it as CSV again, and upload it.</p>
          <div className="table-scroll">
            <table className="data-table compact">
              <caption className="visually-hidden">Problems by row and column</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems never reorder
                  <tr key={i}>
                    <td>{p.row}</td>
                    <td>{p.column ? <code>{p.column}</code> : "—"}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {result?.ok && !problems && (
        <div className="import-preview" data-kind={kind}>
          <h3>Preview of {fileName}: every row is valid</h3>
          {renderPreview(result)}
          <div className="actions">
            <button type="button" className="button" onClick={() => void run()} disabled={busy}>
              Confirm import
            </button>
            <button type="button" className="button secondary" onClick={reset} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

type PreviewMeasure = GoalImportPreview["goals"][number]["measures"][number];

/** "Meetings held: 0 → 6 meetings, now 2" or "Strategy published: done / not done yet". */
function measureSummary(m: PreviewMeasure) {
  if (!("baseline" in m)) return `${m.name}: ${m.done ? "done" : "not done yet"}`;
  const now = m.current === null || m.current === undefined ? "" : `, now ${formatNumber(m.current, m.unit)}`;
  return `${m.name}: ${formatNumber(m.baseline, m.unit)} → ${formatNumber(m.target, m.unit)}${now}`;
}

function GoalsPreview({
  preview,
  existing,
  onExisting,
}: {
  preview: GoalImportPreview;
  existing: ExistingChoice;
  onExisting: (choice: ExistingChoice) => void;
}) {
  const id = useId();
  const already = preview.existing.length;
  const fresh = preview.goals.length - already;
  return (
    <>
      {already > 0 && (
        <div className="notice warning-notice" role="status">
          <p>
            <strong>
              {already === 1 ? "1 goal in the file is" : `${already} goals in the file are`} already in this cycle (same title):{" "}
              {preview.existing.map((e) => e.title).join("; ")}.
            </strong>
          </p>
          <fieldset className="field-group">
            <legend>What should happen to {already === 1 ? "it" : "them"}?</legend>
            <label className="checkbox">
              <input type="radio" name={`${id}-existing`} checked={existing === "skip"} onChange={() => onExisting("skip")} /> Skip{" "}
              {already === 1 ? "it" : "them"}: leave the goals as they are
            </label>
            <label className="checkbox">
              <input type="radio" name={`${id}-existing`} checked={existing === "update"} onChange={() => onExisting("update")} /> Update{" "}
              {already === 1 ? "it" : "them"} from the file: the filled-in columns, measure definitions and new measures (current values
              move only by progress updates)
            </label>
          </fieldset>
        </div>
      )}
      <div className="table-scroll">
        <table className="data-table compact">
          <caption>
            {plural(fresh, "goal")} will be created
            {already > 0 && `; ${plural(already, "goal")} already there will be ${existing === "skip" ? "skipped" : "updated"}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Goal</th>
              <th scope="col">Theme</th>
              <th scope="col">Lead and supporters</th>
              <th scope="col">Status</th>
              <th scope="col">Due</th>
              <th scope="col">Visible to</th>
              <th scope="col">Measures</th>
            </tr>
          </thead>
          <tbody>
            {preview.goals.map((g) => (
              <tr key={g.row}>
                <td>{g.row}</td>
                <th scope="row">
                  {g.title}
                  {g.existingGoalId !== null && (
                    <span className="tag">{existing === "skip" ? "already there: skipped" : "will be updated"}</span>
                  )}
                  {g.description && <p className="muted small import-description">{g.description}</p>}
                </th>
                <td>{g.themeName ?? "—"}</td>
                <td>
                  {g.leadName ?? "—"}
                  {g.supporterNames.length > 0 && <span className="muted small"> with {g.supporterNames.join(", ")}</span>}
                </td>
                <td>{goalStatusLabels[g.status]}</td>
                <td>{g.dueDate ? formatDate(g.dueDate) : "—"}</td>
                <td>{visibilityLabels[g.visibility]}</td>
                <td>
                  {g.measures.length === 0 ? (
                    "none"
                  ) : (
                    <ul className="plain-list">
                      {g.measures.map((m) => (
                        <li key={m.name}>{measureSummary(m)}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function UpdatesPreview({ preview }: { preview: UpdateImportPreview }) {
  return (
    <div className="table-scroll">
      <table className="data-table compact">
        <caption>{plural(preview.updates.length, "progress update")} will be posted</caption>
        <thead>
          <tr>
            <th scope="col">Rows</th>
            <th scope="col">Goal</th>
            <th scope="col">New values</th>
            <th scope="col">Note</th>
            <th scope="col">Visible to</th>
          </tr>
        </thead>
        <tbody>
          {preview.updates.map((u) => (
            <tr key={u.goalId}>
              <td>{u.rows.join(", ")}</td>
              <th scope="row">{u.goalTitle}</th>
              <td>
                {u.values.length === 0
                  ? "—"
                  : u.values.map((v) => `${v.measureName}: ${formatNumber(v.from, v.unit)} → ${formatNumber(v.to, v.unit)}`).join("; ")}
                {u.status && ` (status: ${goalStatusLabels[u.status]})`}
              </td>
              <td>{u.note || "—"}</td>
              <td>{visibilityLabels[u.visibility]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
