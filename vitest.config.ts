// One `vitest` for the whole repo: each workspace package is a project with its own tests beside its code.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Two files at a time on these 2-core machines (vitest's own default is the cores less one).
    // A browser file mostly waits on Chromium and the server, so a second worker fills the gap.
    // With this and the shared Chromium and direct axe calls of apps/web/e2e/browser.ts, the whole
    // suite went from 434 s to 232 s on a quiet machine.
    maxWorkers: 2,
    projects: ["packages/*", "apps/api", "apps/web"],
  },
});
