export * from "./model.ts";
export * from "./pptx.ts";
export * from "./theme.ts";
