/**
 * The goals table's inline status edit. Arrow keys move through the options without saving
 * each one (a keyboard user passing "At risk" on the way to "Achieved" has not chosen it);
 * the choice is saved on Enter, a click in the list, or leaving the control. The confirmation
 * names the status just chosen and offers Undo.
 */
import { type GoalStatus, goalStatuses, goalStatusLabels } from "@convene/domain";
import { useRef, useState } from "react";
import type { GoalSummary } from "../api.ts";
import { useToast } from "../components/toast.tsx";

const browsingKeys = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

/** What the edit needs of a goal: a full goal or a row of the goals table will do. */
type StatusGoal = Pick<GoalSummary, "id" | "version" | "title" | "status">;

export function GoalStatusSelect<G extends StatusGoal>({
  goal,
  save,
}: {
  goal: G;
  save: (base: G, values: { status: GoalStatus }, options?: { onDone?: (saved: G) => void }) => void;
}) {
  const toast = useToast();
  const [choice, setChoice] = useState<GoalStatus | null>(null);
  /** Whether the last change came from browsing with the keyboard rather than picking. */
  const browsing = useRef(false);
  const shown = choice ?? goal.status;

  function commit(status: GoalStatus) {
    setChoice(null);
    if (status === goal.status) return;
    const before = goal.status;
    save(
      goal,
      { status },
      {
        onDone: (saved) =>
          toast(`Status of “${goal.title}” is now ${goalStatusLabels[status]}.`, () =>
            // Undo is an ordinary edit back, based on the version this save created.
            save(saved, { status: before }, { onDone: () => toast(`Status of “${goal.title}” is back to ${goalStatusLabels[before]}.`) }),
          ),
      },
    );
  }

  return (
    <select
      aria-label={`Status of ${goal.title}`}
      value={shown}
      className={`status-select status-${shown}`}
      onKeyDown={(e) => {
        // Alt+Down opens the list, where a pick is a real choice.
        browsing.current = browsingKeys.has(e.key) && !e.altKey;
        if (e.key === "Enter") {
          e.preventDefault();
          commit(e.currentTarget.value as GoalStatus);
        }
        if (e.key === "Escape") setChoice(null);
      }}
      onChange={(e) => {
        const status = e.target.value as GoalStatus;
        if (browsing.current) setChoice(status);
        else commit(status);
      }}
      onBlur={() => {
        if (choice) commit(choice);
      }}
    >
      {goalStatuses.map((s) => (
        <option key={s} value={s}>
          {goalStatusLabels[s]}
        </option>
      ))}
    </select>
  );
}
