export * from "./connection.ts";
export * from "./queries/audit.ts";
export * from "./queries/cycles.ts";
export * from "./queries/goals.ts";
export * from "./queries/organisations.ts";
export * from "./queries/themes.ts";
export * from "./queries/versioned.ts";
export type * from "./schema.ts";
export * from "./seed/seed-coalition.ts";
