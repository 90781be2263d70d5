import { defineProject } from "vitest/config";

// Browser tests: each file starts its own server on a free 127.0.0.1 port with its own database,
// and its own browser context in the worker's one Chromium, so files run side by side (two at a
// time: the root vitest.config.ts) and share nothing but the built dashboard. Within a file the tests are one story told in order (sign in,
// create, edit, check), as a person would use the screen.
//
// Limits catch a hang, not a slow machine: Playwright's own waits get 45 s (browser.ts), a test
// 120 s, so a busy machine slows the suite without failing it.
export default defineProject({
  test: {
    name: "@convene/web",
    include: ["e2e/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // `expect.poll` gives up after 1 s by default: far too short for a page on a busy machine.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    // Sharing one module graph per worker saves importing the API server for every file.
    isolate: false,
  },
});
