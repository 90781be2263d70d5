import { defineProject } from "vitest/config";

// Browser tests: a real server on 127.0.0.1 and Debian's Chromium. One file at a time on 2 cores.
export default defineProject({
  test: {
    name: "@convene/web",
    include: ["e2e/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
