import { z } from "zod";

/** Who someone is in the group; see DESIGN.md "The people". */
export const roles = ["convenor", "member", "observer"] as const;
export const roleSchema = z.enum(roles, { error: "Choose a role" });
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  convenor: "Convenor",
  member: "Member",
  observer: "Observer",
};
