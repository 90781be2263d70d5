/**
 * Proposals with one position per member organisation, and sign-on statements with their text
 * versions, who may sign for each organisation, one signature per organisation, and recipients.
 */
import { type CreateTableBuilder, type Kysely, sql } from "kysely";
import { engineTypes } from "./engine-types.ts";

const inList = (column: string, values: string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
const visibility = (column = "visibility") => inList(column, ["public", "members", "convenor"]);

type Table = CreateTableBuilder<string, string>;

/**
 * The columns every table here repeats, in the places they always stood, so that the tables
 * made are column for column what this migration made before it used them: a numbered id
 * first; at the end when the row was made, when it last changed, and (for what is edited
 * with a version) its version.
 */
function recordColumns(db: Kysely<any>) {
  const t = engineTypes(db);
  const created = (b: Table) => b.addColumn("createdAt", "text", (c) => c.notNull().defaultTo(t.now));
  const stamped = (b: Table) => created(b).addColumn("updatedAt", "text", (c) => c.notNull().defaultTo(t.now));
  return {
    record: (name: string): Table => db.schema.createTable(name).addColumn("id", "integer", t.id),
    created,
    stamped,
    versioned: (b: Table) => stamped(b).addColumn("version", "integer", (c) => c.notNull().defaultTo(1)),
  };
}

export async function up(db: Kysely<any>): Promise<void> {
  const { record, created, stamped, versioned } = recordColumns(db);
  await record("proposals")
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("kind", "text", (c) => c.notNull().check(inList("kind", ["consent", "sense_check", "choice", "time"])))
    .addColumn("options", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("closesAt", "text", (c) => c.notNull())
    .addColumn("quorum", "integer", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull().check(visibility()))
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(inList("state", ["open", "closed", "withdrawn"])),
    )
    .addColumn("outcome", "text")
    .addColumn("closedAt", "text")
    .addColumn("closedByName", "text")
    .addColumn("alertId", "integer", (c) => c.references("alerts.id").onDelete("set null"))
    .addColumn("meetingId", "integer", (c) => c.references("meetings.id").onDelete("set null"))
    .addColumn("goalId", "integer", (c) => c.references("goals.id").onDelete("set null"))
    .addColumn("createdById", "text")
    .addColumn("createdByName", "text", (c) => c.notNull())
    .$call(versioned)
    .execute();
  await db.schema.createIndex("proposals_state_idx").on("proposals").columns(["state", "closesAt"]).execute();

  await record("proposalPositions")
    .addColumn("proposalId", "integer", (c) => c.notNull().references("proposals.id").onDelete("cascade"))
    .addColumn("organisationId", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("stance", "text", (c) => c.check(inList("stance", ["agree", "abstain", "disagree", "block"])))
    .addColumn("choices", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("givenById", "text")
    .addColumn("givenByName", "text", (c) => c.notNull())
    .$call(stamped)
    .addUniqueConstraint("proposalPositions_one_per_organisation", ["proposalId", "organisationId"])
    .execute();
  await db.schema.createIndex("proposalPositions_org_idx").on("proposalPositions").column("organisationId").execute();

  await record("statements")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(inList("kind", ["open_letter", "statement"])))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("textVersion", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("visibility", "text", (c) => c.notNull().check(visibility()))
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("open")
        .check(inList("state", ["open", "published", "withdrawn"])),
    )
    .addColumn("publishedOn", "text")
    .addColumn("milestoneId", "integer", (c) => c.references("milestones.id").onDelete("set null"))
    .addColumn("createdById", "text")
    .addColumn("createdByName", "text", (c) => c.notNull())
    .$call(versioned)
    .execute();

  await record("statementTextVersions")
    .addColumn("statementId", "integer", (c) => c.notNull().references("statements.id").onDelete("cascade"))
    .addColumn("textVersion", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("changeNote", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("createdByName", "text", (c) => c.notNull())
    .$call(created)
    .addUniqueConstraint("statementTextVersions_one_per_number", ["statementId", "textVersion"])
    .execute();

  await db.schema
    .createTable("statementSigners")
    .addColumn("statementId", "integer", (c) => c.notNull().references("statements.id").onDelete("cascade"))
    .addColumn("organisationId", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("userId", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("statementSigners_pk", ["statementId", "organisationId", "userId"])
    .execute();

  await record("statementSignatures")
    .addColumn("statementId", "integer", (c) => c.notNull().references("statements.id").onDelete("cascade"))
    .addColumn("organisationId", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("named", "integer", (c) => c.notNull())
    .addColumn("confirmedTextVersion", "integer", (c) => c.notNull())
    .addColumn("signedById", "text")
    .addColumn("signedByName", "text", (c) => c.notNull())
    .$call(stamped)
    .addUniqueConstraint("statementSignatures_one_per_organisation", ["statementId", "organisationId"])
    .execute();

  await record("statementRecipients")
    .addColumn("statementId", "integer", (c) => c.notNull().references("statements.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("sentOn", "text")
    .addColumn("repliedOn", "text")
    .addColumn("replyText", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("replyUrl", "text")
    .addColumn("replySummary", "text", (c) => c.notNull().defaultTo(""))
    .$call(stamped)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "statementRecipients",
    "statementSignatures",
    "statementSigners",
    "statementTextVersions",
    "statements",
    "proposalPositions",
    "proposals",
  ])
    await db.schema.dropTable(table).execute();
}
