/**
 * A statement as a letter in PDF (A4): the group's name, the date, the recipients, the title,
 * the text and the signatories. pdfkit's built-in Helvetica needs no font files of our own.
 */
import PDFDocument from "pdfkit";
import type { Block, Run } from "./markdown-blocks.ts";
import { type StatementLetter, unnamedWords } from "./statement-letter.ts";

const MARGIN = 72;
const INK = "#0b0c0c";
const MUTED = "#505a5f";
const LINK = "#1d70b8";

function fontFor(run: Pick<Run, "bold" | "italic" | "code">): string {
  if (run.code) return "Courier";
  if (run.bold && run.italic) return "Helvetica-BoldOblique";
  if (run.bold) return "Helvetica-Bold";
  if (run.italic) return "Helvetica-Oblique";
  return "Helvetica";
}

/** Writes styled runs as one paragraph at (x, current y) and `width` wide. */
function writeRuns(doc: PDFKit.PDFDocument, runs: Run[], size: number, x: number, width: number, base: Partial<Run> = {}) {
  const parts = runs.length ? runs : [{ text: " " }];
  parts.forEach((run, i) => {
    const styled = { ...base, ...run, bold: run.bold || base.bold, italic: run.italic || base.italic };
    doc
      .font(fontFor(styled))
      .fontSize(size)
      .fillColor(styled.url ? LINK : INK);
    const options = {
      continued: i < parts.length - 1,
      link: styled.url ?? null,
      underline: Boolean(styled.url),
      lineGap: 3,
    };
    if (i === 0) doc.text(run.text, x, doc.y, { ...options, width });
    else doc.text(run.text, options);
  });
}

function writeBlock(doc: PDFKit.PDFDocument, block: Block, left: number, width: number) {
  switch (block.kind) {
    case "heading": {
      const size = block.level === 1 ? 15 : block.level === 2 ? 13 : 12;
      doc.moveDown(0.4);
      writeRuns(doc, block.runs, size, left, width, { bold: true });
      doc.moveDown(0.3);
      break;
    }
    case "paragraph":
      if (block.quote) writeRuns(doc, block.runs, 11, left + 18, width - 18, { italic: true });
      else writeRuns(doc, block.runs, 11, left, width);
      doc.moveDown(0.6);
      break;
    case "item": {
      const indent = 18 + block.depth * 18;
      const y = doc.y;
      if (block.marker)
        doc
          .font("Helvetica")
          .fontSize(11)
          .fillColor(INK)
          .text(block.marker, left + indent - 16, y, { width: 16 });
      doc.y = y;
      writeRuns(doc, block.runs, 11, left + indent, width - indent);
      doc.moveDown(0.25);
      break;
    }
    case "rule":
      doc.moveDown(0.3);
      doc
        .moveTo(left, doc.y)
        .lineTo(left + width, doc.y)
        .strokeColor(MUTED)
        .lineWidth(0.5)
        .stroke();
      doc.moveDown(0.6);
      break;
  }
}

export function letterPdf(letter: StatementLetter): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: letter.title, ...(letter.groupName ? { Author: letter.groupName } : {}) },
    lang: "en-GB",
    displayTitle: true,
    pdfVersion: "1.7",
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  if (letter.groupName) {
    doc.font("Helvetica-Bold").fontSize(12).fillColor(INK).text(letter.groupName, left, doc.y, { width });
    doc.moveDown(0.2);
  }
  doc.font("Helvetica").fontSize(11).fillColor(INK).text(letter.date, left, doc.y, { width, align: "right" });
  if (letter.draftUntil)
    doc.fillColor(MUTED).fontSize(10).text(`Draft: open for signatures until ${letter.draftUntil}`, left, doc.y, { width, align: "right" });
  doc.moveDown(1.2);
  if (letter.recipients.length) {
    doc.font("Helvetica-Bold").fontSize(11).fillColor(INK).text("To", left, doc.y, { width });
    doc.font("Helvetica");
    for (const r of letter.recipients) doc.text(r, left, doc.y, { width });
    doc.moveDown(1);
  }
  doc.font("Helvetica-Bold").fontSize(18).fillColor(INK).text(letter.title, left, doc.y, { width });
  doc.moveDown(0.8);
  letter.blocks.forEach((block, i) => {
    // A list ends with the space a paragraph leaves after it.
    if (block.kind !== "item" && letter.blocks[i - 1]?.kind === "item") doc.moveDown(0.35);
    writeBlock(doc, block, left, width);
  });

  doc.moveDown(0.8);
  doc.font("Helvetica-Bold").fontSize(12).fillColor(INK).text("Signed by", left, doc.y, { width });
  doc.moveDown(0.3);
  doc.font("Helvetica").fontSize(11);
  if (letter.signatories.length === 0) doc.fillColor(MUTED).text("No organisation has signed this text yet.", left, doc.y, { width });
  for (const name of letter.signatories) doc.fillColor(INK).text(name, left, doc.y, { width, lineGap: 2 });
  const unnamed = unnamedWords(letter);
  if (unnamed) {
    doc.moveDown(0.5);
    doc.font("Helvetica-Oblique").fillColor(INK).text(`${unnamed}.`, left, doc.y, { width });
  }
  doc.end();
  return done;
}
