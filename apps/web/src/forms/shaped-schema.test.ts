import { describe, expect, it } from "vitest";
import { z } from "zod";
import { shapedSchema } from "./shaped-schema.ts";

const api = z.object({ goal: z.object({ title: z.string().min(1, { error: "Enter the title" }) }), goalId: z.number() });
type Values = { title: string; goalId: number | null };
const shape = (v: Values) => ({ goal: { title: v.title }, goalId: v.goalId });

const issues = (schema: z.ZodType, values: Values) =>
  (schema.safeParse(values).error?.issues ?? []).map((i) => ({ path: i.path.join("."), message: i.message }));

describe("a form's validator on the shape the API takes", () => {
  it("keeps each issue's path when no field map is given", () => {
    expect(issues(shapedSchema(shape, api), { title: "", goalId: 1 })).toEqual([{ path: "goal.title", message: "Enter the title" }]);
  });

  it("moves an issue to the form's own field", () => {
    const schema = shapedSchema(shape, api, (path) => (path[0] === "goal" ? path.slice(1) : path));
    expect(issues(schema, { title: "", goalId: 1 })).toEqual([{ path: "title", message: "Enter the title" }]);
  });

  it("leaves out an issue the form says in its own words", () => {
    const schema = shapedSchema(shape, api, (path, v) => (path[0] === "goalId" && v.goalId === null ? null : path));
    expect(issues(schema, { title: "A title", goalId: null })).toEqual([]);
  });
});
