/**
 * A statement's Markdown as a short list of blocks (headings, paragraphs, list items, quotes)
 * made of styled runs, which both the PDF and the Word renderer draw. Raw HTML is dropped and
 * only web and mail links are kept as links, as on the dashboard.
 */
import { fromMarkdown } from "mdast-util-from-markdown";

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  url?: string;
}

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; runs: Run[] }
  | { kind: "paragraph"; runs: Run[]; quote: boolean }
  /** One paragraph of a list item: the first carries the marker ("•", "3."), any later one none. */
  | { kind: "item"; runs: Run[]; depth: number; marker: string }
  | { kind: "rule" };

type Node = ReturnType<typeof fromMarkdown>["children"][number] | ReturnType<typeof fromMarkdown>;
type Style = Omit<Run, "text">;

const safeUrl = (url: string) => (/^(https?:|mailto:)/i.test(url) ? url : undefined);

function runsOf(nodes: readonly Node[], style: Style = {}): Run[] {
  const out: Run[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case "text":
        out.push({ ...style, text: n.value.replace(/\s*\n\s*/g, " ") });
        break;
      case "inlineCode":
        out.push({ ...style, code: true, text: n.value });
        break;
      case "break":
        out.push({ ...style, text: "\n" });
        break;
      case "emphasis":
        out.push(...runsOf(n.children, { ...style, italic: true }));
        break;
      case "strong":
        out.push(...runsOf(n.children, { ...style, bold: true }));
        break;
      case "link": {
        const url = safeUrl(n.url);
        out.push(...runsOf(n.children, url ? { ...style, url } : style));
        break;
      }
      case "image":
        if (n.alt) out.push({ ...style, text: n.alt });
        break;
      default:
        if ("children" in n) out.push(...runsOf(n.children as Node[], style));
    }
  }
  return out.filter((r) => r.text !== "");
}

function blocksOf(nodes: readonly Node[], context: { quote: boolean; depth: number }): Block[] {
  const out: Block[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case "heading":
        out.push({ kind: "heading", level: Math.min(n.depth, 3) as 1 | 2 | 3, runs: runsOf(n.children) });
        break;
      case "paragraph":
        out.push({ kind: "paragraph", runs: runsOf(n.children), quote: context.quote });
        break;
      case "code":
        out.push({ kind: "paragraph", runs: [{ text: n.value, code: true }], quote: context.quote });
        break;
      case "blockquote":
        out.push(...blocksOf(n.children, { ...context, quote: true }));
        break;
      case "thematicBreak":
        out.push({ kind: "rule" });
        break;
      case "list":
        n.children.forEach((item, i) => {
          const marker = n.ordered ? `${(n.start ?? 1) + i}.` : "•";
          let first = true;
          for (const child of item.children) {
            if (child.type === "list") {
              out.push(...blocksOf([child], { ...context, depth: context.depth + 1 }));
              continue;
            }
            const inner = blocksOf([child], context);
            for (const b of inner) {
              const runs = b.kind === "rule" ? [] : b.runs;
              out.push({ kind: "item", runs, depth: context.depth, marker: first ? marker : "" });
              first = false;
            }
          }
        });
        break;
      default:
        // Raw HTML, definitions and the like are left out.
        break;
    }
  }
  return out;
}

export function markdownBlocks(markdown: string): Block[] {
  return blocksOf(fromMarkdown(markdown).children, { quote: false, depth: 0 });
}
