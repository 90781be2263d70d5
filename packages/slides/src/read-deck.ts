/** Opens a built deck as a zip, for tests: each slide's XML, the chart parts and their values. */
import JSZip from "jszip";

/** Every text run of a slide's XML, joined per paragraph. */
export function texts(xml: string): string[] {
  return [...xml.matchAll(/<a:p>(.*?)<\/a:p>/gs)]
    .map((p) => [...p[1]!.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => t[1]).join(""))
    .filter(Boolean);
}

export async function openDeck(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  const slideNames = names
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  const slides = await Promise.all(slideNames.map((n) => zip.file(n)!.async("string")));
  const charts = await Promise.all(names.filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async("string")));
  return { zip, names, slides, charts };
}

/** The values of every series of a chart part, in order. */
export function chartValues(xml: string): number[][] {
  return [...xml.matchAll(/<c:val>.*?<\/c:val>/gs)].map((v) => [...v[0].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1])));
}

/** Every XML part of the deck (slides, notes, charts, embedded workbooks' sheets), as one string per part. */
export async function allText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: string[] = [];
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    if (name.endsWith(".xlsx")) {
      const inner = await JSZip.loadAsync(await entry.async("uint8array"));
      for (const e of Object.values(inner.files)) if (!e.dir) parts.push(await e.async("string"));
    } else parts.push(await entry.async("string"));
  }
  return parts.join("\n");
}
