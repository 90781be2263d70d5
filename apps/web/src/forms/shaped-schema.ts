/**
 * A form's validator when what the form holds is not yet what the API takes (a measure form
 * holds every field either kind may have; the kind decides which are sent): the API's own
 * schema checks the shaped values, and each issue keeps the path of the field it is about.
 */
import { z } from "zod";

export function shapedSchema<V>(shape: (values: V) => unknown, schema: z.ZodType) {
  return z.custom<V>().superRefine((values, ctx) => {
    const result = schema.safeParse(shape(values));
    if (result.success) return;
    for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });
}
