/** The shared library: documents and links (reports, the self-care and mutual-support guide). */
import { z } from "zod";
import { longText, optionalUrl, shortText, withoutControlCharacters } from "./common.ts";
import { visibilitySchema } from "./visibility.ts";

export const resourceTagSchema = withoutControlCharacters(
  z.string().trim().toLowerCase().min(1, { error: "A tag cannot be empty" }).max(40, { error: "Each tag must be 40 characters or fewer" }),
  "A tag",
);

export const resourceTagsSchema = z
  .array(resourceTagSchema)
  .max(10, { error: "Give at most 10 tags" })
  .transform((tags) => [...new Set(tags)]);

/** "self-care, mutual support" → ["self-care", "mutual support"]: how the form takes tags. */
export function parseTags(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
}

const resourceFields = {
  title: shortText("Title", 300),
  description: longText(5_000, "Description"),
  url: optionalUrl,
  tags: resourceTagsSchema,
  visibility: visibilitySchema,
};

export const resourceInputSchema = z.object({
  ...resourceFields,
  description: resourceFields.description.default(""),
  url: resourceFields.url.default(null),
  tags: resourceFields.tags.default([]),
  visibility: resourceFields.visibility.default("members"),
});
export type ResourceInput = z.infer<typeof resourceInputSchema>;

export const resourcePatchSchema = z.object(resourceFields).partial().extend({ version: z.number().int().positive() });
export type ResourcePatch = z.infer<typeof resourcePatchSchema>;

export const resourceListQuerySchema = z.object({
  tag: withoutControlCharacters(z.string().trim().toLowerCase().max(40), "The tag").optional(),
  q: withoutControlCharacters(z.string().trim().max(200), "The search").optional(),
});
export type ResourceListQuery = z.infer<typeof resourceListQuerySchema>;
