// One `vitest` for the whole repo: each workspace package is a project with its own tests beside its code.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/*", "apps/api", "apps/web"],
  },
});
