// `npm run build` for the API: one ES-module bundle per entry point in dist/, so that `npm start`
// runs plain JavaScript (no TypeScript compiled at start-up; tsx stays for `npm run dev`).
// Left outside the bundle: better-sqlite3 (a native addon), pg (its optional pg-native), pino
// (loads its workers by file name), pdfkit (reads its font metrics from files beside it) and
// swagger-ui-dist (served as files from its folder).
import { build } from "esbuild";

await build({
  entryPoints: { main: "src/main.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  // Less to read and parse at start-up (about half the time to the first answer); the source map keeps stack traces readable.
  minifyWhitespace: true,
  minifySyntax: true,
  external: ["better-sqlite3", "pg", "pg-native", "pino", "pdfkit", "swagger-ui-dist"],
  // Bundled CommonJS code calls require(); an ES module has none unless we make one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
