/** The rule every text field keeps: no control characters, and no line breaks or tabs in one-line text. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as domain from "./index.ts";
import { goalInputSchema, hasControlCharacters, longText, shortText } from "./index.ts";

const messages = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("control characters in text", () => {
  it("are found anywhere in the C0 and C1 ranges and DEL; only multi-line text may hold tab and line ends", () => {
    for (const c of ["\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f", "\u000b", "\u000c"]) {
      expect(hasControlCharacters(`a${c}b`, "single"), JSON.stringify(c)).toBe(true);
      expect(hasControlCharacters(`a${c}b`, "multi"), JSON.stringify(c)).toBe(true);
    }
    for (const c of ["\t", "\n", "\r"]) {
      expect(hasControlCharacters(`a${c}b`, "single"), JSON.stringify(c)).toBe(true);
      expect(hasControlCharacters(`a${c}b`, "multi"), JSON.stringify(c)).toBe(false);
    }
    expect(hasControlCharacters("Café — “quoted” 😀 עברית", "single")).toBe(false);
  });

  it("refuse a one-line field's NUL, tab or line break in plain words", () => {
    const title = shortText("Title", 300);
    for (const input of ["The\u0000plan", "The\tplan", "The\nplan"])
      expect(messages(title, input)).toEqual(["Title must not contain control characters"]);
    expect(title.parse("  The plan  ")).toBe("The plan");
  });

  it("let a multi-line field keep its lines and tabs, but not a NUL", () => {
    const description = longText(2_000, "Description");
    expect(description.parse("First line\n\tindented\r\nlast")).toBe("First line\n\tindented\r\nlast");
    expect(messages(description, "Before\u0000after")).toEqual(["Description must not contain control characters"]);
  });

  it("are refused in a goal's title and description, naming the field", () => {
    const result = goalInputSchema.safeParse({ cycleId: 1, title: "A\u0000goal", description: "Fine\nthen\u0007not" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["title", "Title must not contain control characters"],
      ["description", "Description must not contain control characters"],
    ]);
  });
});

/** A field's own string schema, under optional, nullable, default and arrays. */
function stringsIn(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault)
    return stringsIn(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodArray) return stringsIn(schema.element as z.ZodType);
  if (schema instanceof z.ZodPipe) return stringsIn(schema.in as z.ZodType);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(stringsIn);
  return schema instanceof z.ZodString ? [schema] : [];
}

/** Strings that are not text a person writes for others to read. */
const notText = new Set(["signInSchema.password", "signersInputSchema.userIds", "contributionListQuerySchema.sort"]);

describe("every text field in the domain's schemas", () => {
  const fields = Object.entries(domain).flatMap(([name, value]) => {
    if (!(value instanceof z.ZodObject)) return [];
    return Object.entries(value.shape as Record<string, z.ZodType>).flatMap(([field, schema]) =>
      stringsIn(schema).map((s) => [`${name}.${field}`, s] as const),
    );
  });

  it("finds the schemas' text fields", () => {
    expect(fields.map(([name]) => name)).toEqual(expect.arrayContaining(["goalInputSchema.title", "meetingInputSchema.minutes"]));
  });

  it("refuses a NUL in each", () => {
    // The AGM report's schemas describe what the server sends, not what anyone types.
    const inputs = fields.filter(([name]) => !notText.has(name) && !name.startsWith("agm"));
    const accepted = inputs.filter(([, schema]) => schema.safeParse("A\u0000B").success).map(([name]) => name);
    expect(accepted).toEqual([]);
  });
});
