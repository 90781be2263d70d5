/**
 * The dashboard's only way to the server: Hono's typed client over the API's AppType, so
 * request and response types come from the routes themselves, never retyped here.
 */
import type { AppType } from "@convene/api";
import { type ClientResponse, hc, type InferRequestType, type InferResponseType } from "hono/client";

export const api = hc<AppType>("/api", { init: { credentials: "same-origin" } });

export interface FieldProblem {
  field: string;
  message: string;
}

/** An error answer from the API, in its `{ error: { code, message, details } }` shape. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { fields?: FieldProblem[]; current?: unknown; [k: string]: unknown },
  ) {
    super(message);
  }
  fieldMessage(field: string): string | undefined {
    return this.details?.fields?.find((f) => f.field === field)?.message;
  }
}

type Success<R> = R extends ClientResponse<infer T, infer S, any> ? (S extends 200 | 201 ? T : never) : never;

/** Awaits a typed-client call: the success body, or an ApiFailure with the server's words. */
export async function call<R extends ClientResponse<any, any, any>>(request: Promise<R>): Promise<Success<R>> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiFailure(0, "network", "Convene could not reach the server. Check your connection and try again.");
  }
  if (res.ok) return (await res.json()) as Success<R>;
  const body = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string; details?: ApiFailure["details"] };
  } | null;
  throw new ApiFailure(
    res.status,
    body?.error?.code ?? "error",
    body?.error?.message ?? `The server answered ${res.status}. Try again in a moment.`,
    body?.error?.details,
  );
}

export type Me = InferResponseType<typeof api.me.$get, 200>;
/** A goal in full, as its page and its edit forms hold it. */
export type GoalSummary = InferResponseType<(typeof api.goals)[":id"]["$get"], 200>["goal"];
/** A row of the goals table: one page of GET /api/goals, slim. */
export type GoalRow = InferResponseType<typeof api.goals.$get, 200>["goals"][number];
export type GoalDetail = InferResponseType<(typeof api.goals)[":id"]["$get"], 200>;
export type Overview = InferResponseType<(typeof api.cycles)[":id"]["overview"]["$get"], 200>;
export type Cycle = InferResponseType<typeof api.cycles.$get, 200>["cycles"][number];
export type Organisation = InferResponseType<typeof api.organisations.$get, 200>["organisations"][number];
export type Theme = InferResponseType<typeof api.themes.$get, 200>["themes"][number];
export type Account = InferResponseType<typeof api.accounts.$get, 200>["users"][number];
export type Milestone = InferResponseType<typeof api.milestones.$get, 200>["milestones"][number];
export type StandingGoal = InferResponseType<(typeof api)["standing-goals"]["$get"], 200>["standingGoals"][number];
export type MeetingSummary = InferResponseType<typeof api.meetings.$get, 200>["meetings"][number];
export type MeetingDetail = InferResponseType<(typeof api.meetings)[":id"]["$get"], 200>;
export type MeetingAttendanceByYear = InferResponseType<typeof api.meetings.attendance.$get, 200>;
export type Comparison = InferResponseType<(typeof api.cycles)[":id"]["compare"]["$get"], 200>;
export type PublicPage = InferResponseType<typeof api.public.$get, 200>;
export type GoalImportPreview = InferResponseType<(typeof api.data.goals.import.preview)["$post"], 200>;
export type UpdateImportPreview = InferResponseType<(typeof api.data.updates.import.preview)["$post"], 200>;
export interface RowProblem {
  row: number;
  column: string;
  message: string;
}
export type AgmExport = InferResponseType<(typeof api.exports)["agm"]["$get"], 200>;
export type AlertSummary = InferResponseType<typeof api.alerts.$get, 200>["alerts"][number];
export type AlertDetail = InferResponseType<(typeof api.alerts)[":id"]["$get"], 200>;
export type AlertAnswer = AlertDetail["answers"][number];
export type ResourceRecord = InferResponseType<typeof api.resources.$get, 200>["resources"][number];
export type RoadmapItem = InferResponseType<typeof api.roadmap.$get, 200>["items"][number];
export type RoadmapProgress = InferResponseType<typeof api.roadmap.progress.$get, 200>;
export type Feed = InferResponseType<typeof api.feed.$get, 200>;
export type FeedItem = Feed["items"][number];
export type NeedsYou = InferResponseType<(typeof api.feed)["needs-you"]["$get"], 200>;
export type ContributionList = InferResponseType<typeof api.contributions.$get, 200>;
export type ContributionRecord = ContributionList["contributions"][number];
export type Participation = InferResponseType<typeof api.contributions.participation.$get, 200>;
export type ProposalSummary = InferResponseType<typeof api.proposals.$get, 200>["proposals"][number];
export type ProposalDetail = InferResponseType<(typeof api.proposals)[":id"]["$get"], 200>;
export type ProposalPosition = ProposalDetail["positions"][number];
export type ProposalResults = InferResponseType<(typeof api.proposals)[":id"]["results"]["$get"], 200>;
export type StatementSummary = InferResponseType<typeof api.statements.$get, 200>["statements"][number];
export type StatementDetail = InferResponseType<(typeof api.statements)[":id"]["$get"], 200>;

/** The body of each PATCH, as its route validates it: what `useVersionedEdit` sends. */
export type GoalPatchBody = InferRequestType<(typeof api.goals)[":id"]["$patch"]>["json"];
export type MeetingPatchBody = InferRequestType<(typeof api.meetings)[":id"]["$patch"]>["json"];
export type AlertPatchBody = InferRequestType<(typeof api.alerts)[":id"]["$patch"]>["json"];
export type RoadmapPatchBody = InferRequestType<(typeof api.roadmap)[":id"]["$patch"]>["json"];
export type MeasurePatchBody = InferRequestType<(typeof api.measures)[":id"]["$patch"]>["json"];
export type MilestonePatchBody = InferRequestType<(typeof api.milestones)[":id"]["$patch"]>["json"];
export type ResourcePatchBody = InferRequestType<(typeof api.resources)[":id"]["$patch"]>["json"];
export type ContributionPatchBody = InferRequestType<(typeof api.contributions)[":id"]["$patch"]>["json"];
export type ProposalPatchBody = InferRequestType<(typeof api.proposals)[":id"]["$patch"]>["json"];
export type StatementPatchBody = InferRequestType<(typeof api.statements)[":id"]["$patch"]>["json"];
