/**
 * Progress is computed from what the viewer may see (issue 9.7, "public means public"): a goal's
 * status is a field of the goal, shown to everyone who may see the goal, but its progress counts
 * only the updates shared with the viewer. So a public goal marked achieved by a members-only
 * update shows the public updates' figure to an observer, and these words say why.
 */
import { percent } from "./goal-progress.ts";
import type { GoalStatus } from "./goal-status.ts";
import type { Viewer } from "./visibility.ts";

const shared: Record<Viewer, string> = {
  anonymous: "shared publicly",
  observer: "shared publicly",
  member: "shared with members or publicly",
  convenor: "",
};

/** One sentence on what the progress figures count, for the viewer. */
export function progressBasis(viewer: Viewer): string {
  return viewer === "convenor" ? "Progress counts every update." : `Progress counts only the updates ${shared[viewer]}.`;
}

/**
 * What to say beside a goal whose status and visible progress disagree (marked achieved, yet
 * short of 100 % in the updates the viewer may see); null when there is nothing to explain.
 */
export function progressNote(status: GoalStatus, progress: number | null, viewer: Viewer): string | null {
  if (viewer === "convenor" || status !== "achieved" || (progress !== null && progress >= 1)) return null;
  const figure = progress === null ? "none of which has a figure yet" : `which show ${percent(progress)}`;
  return `Marked achieved. Its progress counts only the updates ${shared[viewer]}, ${figure}.`;
}
