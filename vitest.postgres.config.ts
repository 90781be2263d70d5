// `npm run test:postgres`: every database and API test again, on PostgreSQL (see
// packages/db/src/test-postgres-setup.ts for where the server comes from).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/db", "apps/api"],
    globalSetup: ["packages/db/src/test-postgres-setup.ts"],
  },
});
