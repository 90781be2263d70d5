/**
 * The pieces every answer schema is built from. Answers are described as the API sends them:
 * ids are integers, times ISO-8601 text, dates YYYY-MM-DD text. Objects are loose (a field
 * added later does not break a client built from the document); the fields listed are promised.
 */
import { z } from "zod";
import { goalStatuses } from "../goal-status.ts";

export const id = z.number().int();
export const version = z.number().int().positive();
/** An ISO-8601 date and time, as stored (UTC with milliseconds) or as given. */
export const time = z.string();
/** A calendar date, YYYY-MM-DD. */
export const day = z.string();
export const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();
/** A 0/1 flag as the database keeps it, or a boolean where the API turns it into one. */
export const flag = z.union([z.boolean(), z.literal(0), z.literal(1)]);

/** An object whose listed fields are promised; others may be added without breaking clients. */
export const answer = <S extends z.ZodRawShape>(shape: S) => z.looseObject(shape);

/** The fields every record that can go to the bin (and back) ends with. */
export const binnedRecord = { createdAt: time, updatedAt: time, deletedAt: nullable(time), version };

/** A deleted record's id and, where it can be undone, the route that restores it. */
export const deletedAnswer = answer({ deleted: z.union([id, z.string()]), restore: z.string().optional() });
export const restoredAnswer = answer({ restored: id });

/** A name and short name, as lists of organisations carry them. */
export const organisationRef = answer({ id, name: z.string(), shortName: z.string() });

/** A row of the decisions log as a page shows it: the goal it created or changed only when the viewer may see it. */
export const decisionLogRow = {
  id,
  text: z.string(),
  goalAction: nullable(z.string()),
  createdAt: time,
  goalId: nullable(id),
  goalTitle: nullable(z.string()),
  goalStatus: nullable(z.enum(goalStatuses)),
};
