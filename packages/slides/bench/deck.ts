/**
 * How long the AGM deck of a 50-organisation, 200-goal coalition takes to export (slide model
 * and PowerPoint file), against a fixed baseline operation timed in the same run, so a figure
 * taken on a busy machine can still be compared. No target is enforced here; the is 1 s.
 *
 *   npx tsx packages/slides/bench/deck.ts [--runs N]
 */
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { coalitionFixture } from "../src/fixtures.ts";
import { deckSlides } from "../src/model.ts";
import { buildAgmDeck } from "../src/pptx.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const runs = Math.max(1, Number(values.runs));

/** The baseline: SHA-256 over 64 MB, CPU-bound like the export and unchanged by anything in the repo. */
function baseline(): void {
  const block = Buffer.alloc(1 << 20, 7);
  const hash = createHash("sha256");
  for (let i = 0; i < 64; i++) hash.update(block);
  hash.digest();
}

async function time(f: () => unknown): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const report = coalitionFixture();
const first = await time(() => buildAgmDeck(report));
const exports: number[] = [];
const models: number[] = [];
const baselines: number[] = [];
let bytes = 0;
for (let i = 0; i < runs; i++) {
  baselines.push(await time(baseline));
  models.push(await time(() => deckSlides(report)));
  exports.push(
    await time(async () => {
      bytes = (await buildAgmDeck(report)).length;
    }),
  );
}
const slides = deckSlides(report).length;
const exportMs = median(exports);
const baseMs = median(baselines);
process.stdout.write(
  `AGM deck, ${report.organisations.length} organisations and ${report.goals.length} goals: ${slides} slides, ${(bytes / 1024).toFixed(0)} KB\n` +
    `  first export (cold):        ${first.toFixed(0)} ms\n` +
    `  export, median of ${runs}:      ${exportMs.toFixed(0)} ms (of which the slide model ${median(models).toFixed(0)} ms)\n` +
    `  baseline (SHA-256, 64 MB):  ${baseMs.toFixed(0)} ms\n` +
    `  export / baseline:          ${(exportMs / baseMs).toFixed(2)}\n`,
);
