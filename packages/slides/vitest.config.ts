import { defineProject } from "vitest/config";

// Test files share one module graph per worker (isolate: false): each builds its own databases
// and holds no module state, and re-importing Kysely and friends for every file was most of the
// suite's time (see the root README, "Development").
export default defineProject({
  test: { name: "@convene/slides", isolate: false },
});
