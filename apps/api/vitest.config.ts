import { defineProject } from "vitest/config";

// Tests that open whole databases (export, restore, copy, two instances) take a few seconds on a
// quiet machine; vitest's default 5 s limit made them fail whenever the machine was busy. A limit
// is there to catch a hung test, not to time one, so it is generous.
export default defineProject({
  test: { name: "@convene/api", testTimeout: 60_000, hookTimeout: 60_000 },
});
