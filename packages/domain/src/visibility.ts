import { z } from "zod";
import { visibilities } from "./choices.ts";
import type { Role } from "./roles.ts";

/**
 * Every record carries one of these. The server filters with `visibleLevels` in its queries;
 * the UI only mirrors what the server already decided.
 */
export { visibilities } from "./choices.ts";
export const visibilitySchema = z.enum(visibilities, { error: "Choose who can see this" });
export type Visibility = z.infer<typeof visibilitySchema>;

export { visibilityLabels } from "./choices.ts";

/** The viewer of a record: a signed-in role, or nobody (the public progress page). */
export type Viewer = Role | "anonymous";

/** The visibility levels a viewer may see, from widest audience to narrowest. */
export function visibleLevels(viewer: Viewer): Visibility[] {
  switch (viewer) {
    case "convenor":
      return ["public", "members", "convenor"];
    case "member":
      return ["public", "members"];
    case "observer":
    case "anonymous":
      return ["public"];
  }
}

export function canSee(viewer: Viewer, visibility: Visibility): boolean {
  return visibleLevels(viewer).includes(visibility);
}

/** The narrower of two visibilities: an update on a members-only goal is at most members-only. */
export function narrowest(a: Visibility, b: Visibility): Visibility {
  return visibilities.indexOf(a) >= visibilities.indexOf(b) ? a : b;
}

/** The least-privileged viewer who may see a record of this visibility: its audience. */
export function audienceOf(visibility: Visibility): Viewer {
  return visibility === "public" ? "anonymous" : visibility === "members" ? "member" : "convenor";
}

/**
 * The narrowest level a viewer may see: figures stored per level (stored progress, cached
 * answers) are the same for every viewer of one level, since each sees exactly the levels up to it.
 */
export function levelOf(viewer: Viewer): Visibility {
  return viewer === "convenor" ? "convenor" : viewer === "member" ? "members" : "public";
}
