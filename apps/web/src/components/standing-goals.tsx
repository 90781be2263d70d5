/**
 * What the group's record says it is still working for (the seed's "standing goals"), shown as
 * open. Goals belong to a cycle and the seed does not invent one, so the convenor adds a standing
 * goal to the chosen cycle with one click; until then nothing is written.
 */
import { cycleWords } from "@convene/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useAccess } from "../access.ts";
import { api, call } from "../api.ts";
import { useCycleChoice } from "../cycle-choice.ts";
import { standingGoalsQuery } from "../queries.ts";
import { ErrorMessage } from "./states.tsx";
import { useToast } from "./toast.tsx";

export function StandingGoals({ onlyOffers = false }: { onlyOffers?: boolean }) {
  const { cycle } = useCycleChoice();
  const { isConvenor } = useAccess();
  const standing = useQuery(standingGoalsQuery(cycle?.id));
  const queryClient = useQueryClient();
  const toast = useToast();
  const adopt = useMutation({
    mutationFn: ({ key, cycleId }: { key: string; cycleId: number }) =>
      call(api["standing-goals"][":key"].adopt.$post({ param: { key }, json: { cycleId } })),
    onSuccess: (res) => {
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      toast(`Added “${res.goal.title}” to the ${cycleWords(res.goal.cycleName)}.`);
    },
  });
  const list = standing.data?.standingGoals ?? [];
  const open = cycle && cycle.state !== "closed";
  // On the goals page, only the convenor's offer to add a goal that is not yet in the cycle.
  const shown = onlyOffers ? list.filter((g) => g.goalId === null && isConvenor && open) : list;
  if (shown.length === 0) return null;
  return (
    <section className={`standing-goals card ${onlyOffers ? "no-print" : ""}`} aria-labelledby="standing-heading">
      <h2 id="standing-heading">{onlyOffers ? "Still open from the group's record" : "Still working for"}</h2>
      <ul className="plain-list">
        {shown.map((g) => (
          <li key={g.key}>
            <p>
              <strong>{g.title}</strong>
            </p>
            {!onlyOffers && <p className="small">{g.description}</p>}
            {g.goalId !== null && cycle ? (
              <p>
                A goal in the {cycleWords(cycle.name)}:{" "}
                <Link to="/goals/$goalId" params={{ goalId: g.goalId }}>
                  follow its progress
                </Link>
                .
              </p>
            ) : isConvenor && cycle && open ? (
              <button
                type="button"
                className="button secondary no-print"
                disabled={adopt.isPending}
                onClick={() => adopt.mutate({ key: g.key, cycleId: cycle.id })}
              >
                Add to the {cycleWords(cycle.name)} as a goal
              </button>
            ) : (
              <p className="muted small">
                {cycle
                  ? `Not a goal in the ${cycleWords(cycle.name)}${isConvenor ? " (it is closed)" : ""}.`
                  : isConvenor
                    ? "Create a cycle to add it as a goal."
                    : "Not yet a goal in any cycle."}
              </p>
            )}
          </li>
        ))}
      </ul>
      {adopt.error && <ErrorMessage error={adopt.error} />}
    </section>
  );
}
