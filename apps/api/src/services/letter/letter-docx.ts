/**
 * A statement as a Word letter (.docx) someone can edit and send: the same parts as the PDF, with
 * Word's own headings, bulleted lists and hyperlinks so that it reads well in any word processor.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from "docx";
import type { Block, Run } from "./markdown-blocks.ts";
import { type StatementLetter, unnamedWords } from "./statement-letter.ts";

const INK = "0B0C0C";
const MUTED = "505A5F";

function children(runs: Run[], base: Partial<Run> = {}): ParagraphChild[] {
  return runs.flatMap((run): ParagraphChild[] => {
    const style = {
      // Left unset rather than false, so that a heading's own bold style still applies.
      ...(run.bold || base.bold ? { bold: true } : {}),
      ...(run.italic || base.italic ? { italics: true } : {}),
      ...(run.code ? { font: "Courier New" } : {}),
      ...(run.url ? { style: "Hyperlink" } : {}),
    };
    // A hard line break in the Markdown is a break inside the paragraph, as Word writes one.
    const texts = run.text.split("\n").map((line, i) => new TextRun({ ...style, text: line, ...(i > 0 ? { break: 1 } : {}) }));
    return run.url ? [new ExternalHyperlink({ link: run.url, children: texts })] : texts;
  });
}

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function paragraphOf(block: Block): Paragraph {
  switch (block.kind) {
    case "heading":
      return new Paragraph({ heading: headingLevels[block.level], children: children(block.runs) });
    case "paragraph":
      return block.quote
        ? new Paragraph({ indent: { left: 567 }, children: children(block.runs, { italic: true }) })
        : new Paragraph({ children: children(block.runs) });
    case "item": {
      const left = 567 * (block.depth + 1);
      if (block.marker === "•") return new Paragraph({ bullet: { level: block.depth }, children: children(block.runs) });
      // Numbers as written keep a list's own start ("3." stays 3), which Word's numbering would restart.
      return new Paragraph({
        indent: { left, hanging: block.marker ? 360 : 0 },
        children: [...(block.marker ? [new TextRun(`${block.marker}\t`)] : []), ...children(block.runs)],
        tabStops: [{ type: "left", position: left }],
      });
    }
    case "rule":
      return new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: MUTED, space: 1 } }, children: [] });
  }
}

export function letterDocx(letter: StatementLetter): Promise<Buffer> {
  const body: Paragraph[] = [];
  if (letter.groupName) body.push(new Paragraph({ children: [new TextRun({ text: letter.groupName, bold: true, size: 24 })] }));
  body.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(letter.date)] }));
  if (letter.draftUntil)
    body.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: `Draft: open for signatures until ${letter.draftUntil}`, color: MUTED, size: 20 })],
      }),
    );
  if (letter.recipients.length) {
    body.push(new Paragraph({ spacing: { before: 240, after: 0 }, children: [new TextRun({ text: "To", bold: true })] }));
    letter.recipients.forEach((r, i) => {
      body.push(new Paragraph({ spacing: { after: i === letter.recipients.length - 1 ? 240 : 0 }, children: [new TextRun(r)] }));
    });
  }
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(letter.title)] }));
  body.push(...letter.blocks.map(paragraphOf));
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 360 }, children: [new TextRun("Signed by")] }));
  if (letter.signatories.length === 0)
    body.push(new Paragraph({ children: [new TextRun({ text: "No organisation has signed this text yet.", color: MUTED })] }));
  for (const name of letter.signatories) body.push(new Paragraph({ spacing: { after: 40 }, children: [new TextRun(name)] }));
  const unnamed = unnamedWords(letter);
  if (unnamed) body.push(new Paragraph({ spacing: { before: 200 }, children: [new TextRun({ text: `${unnamed}.`, italics: true })] }));

  const doc = new Document({
    title: letter.title,
    ...(letter.groupName ? { creator: letter.groupName } : {}),
    styles: {
      default: {
        document: { run: { font: "Arial", size: 22, color: INK }, paragraph: { spacing: { after: 160, line: 276 } } },
        title: { run: { font: "Arial", size: 36, bold: true, color: INK }, paragraph: { spacing: { after: 240 } } },
        heading1: { run: { font: "Arial", size: 30, bold: true, color: INK }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: "Arial", size: 26, bold: true, color: INK }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font: "Arial", size: 24, bold: true, color: INK }, paragraph: { spacing: { before: 200, after: 80 } } },
        hyperlink: { run: { color: "1D70B8", underline: { type: "single" } } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
