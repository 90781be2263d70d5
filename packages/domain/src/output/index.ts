/**
 * The shapes of the API's answers, as zod schemas: /api/openapi.json is generated from them
 * (apps/api/src/api-contract.ts), and the API tests check every answer against the document.
 */
export * from "./decisions.ts";
export * from "./fields.ts";
export * from "./goals.ts";
export * from "./group-record.ts";
export * from "./notifications.ts";
export * from "./people.ts";
