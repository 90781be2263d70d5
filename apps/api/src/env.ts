/** The only place that reads process.env: validated once at start-up. */
import { resolve } from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "./client-address.ts";

const repoRoot = resolve(import.meta.dirname, "../../..");

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_PATH: z.string().min(1).default(resolve(repoRoot, "data/convene.db")),
    /** postgres://user:password@host:5432/database runs Convene on PostgreSQL instead of the SQLite file. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//i, "must be a postgres:// address (postgres://user:password@host:5432/database)")
      .optional(),
    /** The session-signing secret; required with DATABASE_URL, the same on every instance. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** A session unused for this many hours ends (sign in again). */
    SESSION_IDLE_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 365)
      .default(8),
    /** A session ends this many days after sign-in, however much it is used. */
    SESSION_DAYS: z.coerce.number().positive().max(365).default(14),
    /** An account unused this many months is warned, then disabled DORMANT_WARNING_DAYS later if still unused. */
    DORMANT_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
    DORMANT_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** The address people use to reach Convene; links printed for setup and invitations use it. */
    PUBLIC_URL: z.url().optional(),
    /**
     * The reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, e.g.
     * "127.0.0.1,10.0.0.0/8"). Unset: the TCP peer is the client, and no forwarded header is read.
     */
    TRUST_PROXY: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        if (value === undefined) return;
        try {
          parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    /** smtp://user:password@host:587 (or smtps://): with MAIL_FROM, turns email on. No setting, no email. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/\s]+/i, "must be an smtp:// or smtps:// address (smtp://user:password@mail.example.org:587)")
      .optional(),
    /** The From address of Convene's email, e.g. "Convene <convene@example.org>". */
    MAIL_FROM: z.string().trim().min(3, "must be an email address, e.g. Convene <convene@example.org>").optional(),
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    WEB_DIST: z.string().default(resolve(repoRoot, "apps/web/dist")),
    /**
     * Set by npm to the folder the command was typed in: `npm run admin` runs in apps/api, so the
     * admin command line resolves file arguments (`backup --to FILE`) against this instead.
     */
    INIT_CWD: z.string().min(1).optional(),
  })
  .refine((env) => !env.SMTP_URL || env.MAIL_FROM, {
    path: ["MAIL_FROM"],
    message: "is needed with SMTP_URL: the address Convene's email comes from, e.g. Convene <convene@example.org>",
  });

export type AppEnv = z.infer<typeof envSchema> & {
  /** Where the data is: DATABASE_URL when set, else the SQLite file DATABASE_PATH. */
  database: string;
};

export function readEnv(source: NodeJS.ProcessEnv = process.env): AppEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  // `npm start` runs in apps/api; a relative DATABASE_PATH means the folder the person typed it in.
  const env = parsed.data;
  const path = env.DATABASE_PATH === ":memory:" ? env.DATABASE_PATH : resolve(env.INIT_CWD ?? process.cwd(), env.DATABASE_PATH);
  return { ...env, DATABASE_PATH: path, database: env.DATABASE_URL ?? path };
}

/** The load test's knobs (`npm run bench`); flags on its command line override these. */
const benchEnvSchema = z.object({
  BENCH_DURATION: z.coerce.number().int().min(1).max(600).default(10),
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(10),
  /** A PostgreSQL server to run the PostgreSQL half on (a new database is made and dropped); else a throwaway cluster. */
  DATABASE_URL: z.string().optional(),
});

export type BenchEnv = z.infer<typeof benchEnvSchema>;

export function readBenchEnv(source: NodeJS.ProcessEnv = process.env): BenchEnv {
  const parsed = benchEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}
