// The API's tests. Vite's transformer does not follow the `@convene/tsconfig` symlink when it
// resolves `extends` (it looks for node_modules/tsconfig.base.json), so point it at the base directly.
import { defineProject } from "vitest/config";

export default defineProject({
  tsconfig: "../../tsconfig.base.json",
  test: { name: "@convene/api" },
});
