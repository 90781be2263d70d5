import { z } from "zod";
import { longText, shortText } from "./common.ts";

export const themeInputSchema = z.object({
  name: shortText("Name", 80, "Enter a name for the theme"),
  description: longText(2000, "Description").default(""),
});
export type ThemeInput = z.infer<typeof themeInputSchema>;

export const themePatchSchema = themeInputSchema.partial().extend({ version: z.number().int().positive() });
