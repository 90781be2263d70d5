/**
 * The JavaScript each route makes a browser download before it can show anything: the entry
 * chunk, the route's page chunk and everything either imports statically, gzipped as the server
 * sends them. Chunks loaded later on demand (a dynamic import) are not counted against the route.
 *
 * Read from Vite's build manifest (`dist/.vite/manifest.json`); `npm run budget -w @convene/web`
 * prints the table and `--check` exits 1 when a route is over its budget.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }>;

const KiB = 1024;

/** Budgets in gzipped bytes (issue 10: sign-in ≤ 100 KiB, overview ≤ 200 KiB; other pages as the overview). */
export const budgets: { route: string; page: string; budget: number }[] = [
  { route: "/sign-in", page: "src/pages/sign-in-page.tsx", budget: 100 * KiB },
  { route: "/ (overview)", page: "src/pages/overview-page.tsx", budget: 200 * KiB },
  { route: "/goals", page: "src/pages/goals-page.tsx", budget: 200 * KiB },
  { route: "/goals/$id", page: "src/pages/goal-page.tsx", budget: 200 * KiB },
  { route: "/meetings/$id", page: "src/pages/meeting-page.tsx", budget: 200 * KiB },
  { route: "/public", page: "src/pages/public-page.tsx", budget: 200 * KiB },
];

export const distDir = resolve(import.meta.dirname, "../dist");

export function readManifest(dist = distDir): Manifest {
  return JSON.parse(readFileSync(join(dist, ".vite/manifest.json"), "utf8")) as Manifest;
}

/** The files a key loads before it runs: itself and its static imports, transitively. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const dep of chunk.imports ?? []) staticClosure(manifest, dep, into);
  return into;
}

export function routeWeights(dist = distDir) {
  const manifest = readManifest(dist);
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entry) throw new Error("The build manifest names no entry chunk.");
  const gzipped = new Map<string, number>();
  const size = (file: string) => {
    let n = gzipped.get(file);
    if (n === undefined) {
      n = gzipSync(readFileSync(join(dist, file))).length;
      gzipped.set(file, n);
    }
    return n;
  };
  return budgets.map(({ route, page, budget }) => {
    if (!manifest[page]) throw new Error(`The build has no chunk for ${page}: is the route still lazy, or was the page renamed?`);
    const files = staticClosure(manifest, page, staticClosure(manifest, entry));
    const bytes = [...files].filter((f) => f.endsWith(".js")).reduce((sum, f) => sum + size(f), 0);
    return { route, page, budget, bytes, scripts: [...files].filter((f) => f.endsWith(".js")).length };
  });
}

export function formatWeights(rows: ReturnType<typeof routeWeights>): string {
  const kib = (n: number) => `${(n / KiB).toFixed(1)} KiB`;
  return rows
    .map((r) => `${r.bytes > r.budget ? "OVER" : "ok  "}  ${r.route.padEnd(16)} ${kib(r.bytes).padStart(10)} of ${kib(r.budget).padStart(9)}  in ${r.scripts} scripts`)
    .join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = routeWeights();
  console.log("JavaScript each route loads first (gzipped):");
  console.log(formatWeights(rows));
  process.exitCode = rows.some((r) => r.bytes > r.budget) && process.argv.includes("--check") ? 1 : 0;
}
