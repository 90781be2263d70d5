import { z } from "zod";
import { longText, shortText } from "./common.ts";

export const themeInputSchema = z.object({
  name: shortText("Name", 80),
  description: longText(2000).default(""),
});
export type ThemeInput = z.infer<typeof themeInputSchema>;

export const themePatchSchema = themeInputSchema.partial().extend({ version: z.number().int().positive() });
