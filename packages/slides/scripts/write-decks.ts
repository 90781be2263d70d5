/**
 * Writes the demo deck and the 50-organisation, 200-goal coalition's deck to a folder, to open or
 * to render through LibreOffice and look at:
 *   npx tsx packages/slides/scripts/write-decks.ts /tmp/deck
 *   cd /tmp/deck && soffice --headless --convert-to pdf *.pptx && pdftoppm -png -r 50 coalition.pdf coalition
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { coalitionFixture, optionalSectionsFixture, reportFixture, sinceFixture } from "../src/fixtures.ts";
import { buildAgmDeck } from "../src/pptx.ts";

const folder = process.argv[2] ?? "deck";
mkdirSync(folder, { recursive: true });
const decks = {
  demo: reportFixture({ ...optionalSectionsFixture, since: sinceFixture(10) }),
  coalition: coalitionFixture(),
};
for (const [name, report] of Object.entries(decks)) {
  const file = join(folder, `${name}.pptx`);
  writeFileSync(file, await buildAgmDeck(report));
  process.stdout.write(`Wrote ${file}\n`);
}
