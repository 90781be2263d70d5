/**
 * A form's validator when what the form holds is not yet what the API takes (a measure form
 * holds every field either kind may have; the kind decides which are sent): the API's own
 * schema checks the shaped values, and each issue keeps the path of the field it is about.
 * Where the shaping moves a value (a decision's "goal.title" is the form's "title"), `fieldOf`
 * says which of the form's fields an API path stands for, or null where the form says it in
 * its own words instead (a choice not made yet, which the API can only call a missing number).
 */
import { z } from "zod";

export type IssuePath = readonly PropertyKey[];

export function shapedSchema<V>(
  shape: (values: V) => unknown,
  schema: z.ZodType,
  fieldOf?: (path: IssuePath, values: V) => IssuePath | null,
) {
  return z.custom<V>().superRefine((values, ctx) => {
    const result = schema.safeParse(shape(values));
    if (result.success) return;
    for (const issue of result.error.issues) {
      const path = fieldOf ? fieldOf(issue.path, values) : issue.path;
      if (path) ctx.addIssue({ code: "custom", message: issue.message, path: [...path] });
    }
  });
}
