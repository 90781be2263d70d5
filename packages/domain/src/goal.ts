import { z } from "zod";
import { goalSortKeys } from "./choices.ts";
import { calendarDate, longText, shortText, withoutControlCharacters } from "./common.ts";
import { goalStatusSchema } from "./goal-status.ts";
import { pageQuerySchema, sortSchema } from "./paging.ts";
import { visibilitySchema } from "./visibility.ts";

const goalFields = {
  title: shortText("Title", 300),
  description: longText(20_000, "Description"),
  themeId: z.number().int().positive().nullable(),
  leadOrganisationId: z.number().int().positive().nullable(),
  supportingOrganisationIds: z
    .array(z.number().int().positive())
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, { error: "Choose each supporting organisation only once" }),
  status: goalStatusSchema,
  dueDate: calendarDate("due date").nullable(),
  visibility: visibilitySchema,
};

export const goalInputSchema = z
  .object({
    cycleId: z.number().int().positive(),
    ...goalFields,
    description: goalFields.description.default(""),
    themeId: goalFields.themeId.default(null),
    leadOrganisationId: goalFields.leadOrganisationId.default(null),
    supportingOrganisationIds: goalFields.supportingOrganisationIds.default([]),
    status: goalFields.status.default("not_started"),
    dueDate: goalFields.dueDate.default(null),
    visibility: goalFields.visibility.default("members"),
  })
  .refine((g) => !g.leadOrganisationId || !g.supportingOrganisationIds.includes(g.leadOrganisationId), {
    error: "The lead organisation cannot also be a supporting organisation",
    path: ["supportingOrganisationIds"],
  });
export type GoalInput = z.infer<typeof goalInputSchema>;

export const goalPatchSchema = z
  .object(goalFields)
  .partial()
  .extend({ version: z.number().int().positive() })
  .refine((g) => !g.leadOrganisationId || !g.supportingOrganisationIds?.includes(g.leadOrganisationId), {
    error: "The lead organisation cannot also be a supporting organisation",
    path: ["supportingOrganisationIds"],
  });
export type GoalPatch = z.infer<typeof goalPatchSchema>;

export const copyForwardSchema = z.object({ cycleId: z.number().int().positive() });

export const goalListQuerySchema = z.object({
  cycleId: z.coerce.number().int().positive().optional(),
  themeId: z.coerce.number().int().positive().optional(),
  status: goalStatusSchema.optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  q: withoutControlCharacters(z.string().trim().max(200), "The search").optional(),
});
export type GoalListQuery = z.infer<typeof goalListQuerySchema>;

export { goalSortKeys };
export type GoalSortKey = (typeof goalSortKeys)[number];

/** One page of the goals table: its filters, one sort column and the page (GET /api/goals). */
export const goalPageQuerySchema = goalListQuerySchema.extend({
  ...pageQuerySchema.shape,
  sort: sortSchema(goalSortKeys).optional(),
});
export type GoalPageQuery = z.infer<typeof goalPageQuerySchema>;
