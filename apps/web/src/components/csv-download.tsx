/**
 * "Download CSV": a plain link to a CSV the server builds (so it holds exactly what the viewer may
 * see), with the same filters and sort as the table on screen. Reusable by any table.
 */
export function CsvDownload({
  path,
  query,
  label = "Download CSV",
}: {
  /** Under /api, e.g. "/data/goals.csv". */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  label?: string;
}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== "" && v !== false) params.set(k, String(v));
  const qs = params.toString();
  return (
    <a className="button secondary small csv-download no-print" href={`/api${path}${qs ? `?${qs}` : ""}`} download>
      {label}
    </a>
  );
}
