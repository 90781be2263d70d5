import { defineProject } from "vitest/config";

// Tests that open whole databases (export, restore, copy, two instances) take a few seconds on a
// quiet machine; vitest's default 5 s limit made them fail whenever the machine was busy. A limit
// is there to catch a hung test, not to time one, so it is generous.
// Test files share one module graph per worker (isolate: false): every file builds its own app
// and database and keeps no module state, and importing Better Auth, Hono and Kysely afresh for
// each of 40 files took about half of the API suite's CPU (import 118 s of 249 s).
export default defineProject({
  test: { name: "@convene/api", testTimeout: 60_000, hookTimeout: 60_000, isolate: false },
});
