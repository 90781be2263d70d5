/** The server's periodic sweep of unused accounts (warn, later disable): one run at a time, a failed run logged and tried next time. */
import type { Db } from "@convene/db";
import type { DormancySettings } from "@convene/domain";
import type { Auth } from "../auth.ts";
import type { Logger } from "../logger.ts";
import { sweepDormant } from "./personal-data.ts";

export function dormancySweeper(deps: { db: Db; auth: Auth }, settings: DormancySettings, clock: () => Date, logger?: Logger) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  function tick() {
    if (running) return;
    running = sweepDormant(deps, clock(), settings)
      .then((run) => {
        if (run.warned + run.disabled > 0) logger?.info(run, "unused accounts swept");
      })
      .catch((error) => logger?.error({ err: error }, "unused-account sweep failed"))
      .finally(() => {
        running = undefined;
      });
  }
  return {
    start(intervalMs: number) {
      if (timer) return;
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
