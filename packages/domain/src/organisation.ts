import { z } from "zod";
import { calendarDate, optionalUrl, shortText } from "./common.ts";

export const organisationInputSchema = z.object({
  name: shortText("Name"),
  shortName: shortText("Short name", 40).regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, {
    error: "Short name may hold only letters, digits and hyphens",
  }),
  website: optionalUrl.default(null),
  joinedOn: calendarDate("date it joined").nullable().default(null),
  leftOn: calendarDate("date it left").nullable().default(null),
  isConvenor: z.boolean().default(false),
});
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

export const organisationPatchSchema = organisationInputSchema.partial().extend({ version: z.number().int().positive() });
