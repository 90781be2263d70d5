// One `vitest` for the whole repo: each workspace package is a project with its own tests beside its code.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Vite's oxc transform follows `extends` through the node_modules symlink of @convene/tsconfig
 * without resolving it, so `../../tsconfig.base.json` in tooling/typescript/node.json points into
 * node_modules and every .ts file fails to load. The Node packages therefore get the base
 * settings handed to the transform directly (tsc, which resolves symlinks, still reads the chain).
 */
const base = resolve(import.meta.dirname, "tsconfig.base.json");
const nodePackage = (dir: string) => ({
  extends: true as const,
  oxc: { tsconfig: base },
  test: { name: (JSON.parse(readFileSync(resolve(import.meta.dirname, dir, "package.json"), "utf8")) as { name: string }).name, root: dir },
});

export default defineConfig({
  test: {
    projects: [nodePackage("packages/domain"), nodePackage("packages/db"), nodePackage("apps/api"), "apps/web"],
  },
});
