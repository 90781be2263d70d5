/** What every admin command gets: its streams and where it runs, so tests can call commands without spawning. */
import { createInterface } from "node:readline";
import { type ParseArgsConfig, parseArgs } from "node:util";

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface CliContext {
  /** The database the server uses: DATABASE_URL when set, else the SQLite file DATABASE_PATH. */
  databasePath: string;
  /** Where relative file arguments are resolved from: the folder the command was typed in. */
  cwd: string;
  /** AUTH_SECRET, for commands that start Convene's sign-in (required on PostgreSQL). */
  secret?: string | undefined;
  /** The address people reach Convene at, as the server is told (Better Auth wants it). */
  publicUrl: string;
  /** DORMANT_MONTHS and DORMANT_WARNING_DAYS; the defaults when absent. */
  dormancy?: import("@convene/domain").DormancySettings;
  /** Tests only: the time now, for commands that judge time (dormant). */
  now?: Date;
}

/** A failure the person at the terminal can fix: printed as one line, exits non-zero. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** `node:util` parseArgs, strict, with its errors turned into one readable line. */
export function parseOptions<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's messages add advice about "--" that does not apply here; the first sentence says it.
    throw new CliError(message.split(/\. /)[0]?.replace(/\.$/, "") ?? message, 2);
  }
}

/**
 * The password, from standard input: the first line when it is piped (`echo '…' | npm run admin
 * -- create-user …`), or typed twice without echo when it is a terminal.
 */
export async function readPassword(io: CliIo): Promise<string> {
  if (io.stdin.isTTY && io.stdin.setRawMode) {
    const first = await promptHidden(io, "Password (at least 10 characters, not shown): ");
    const second = await promptHidden(io, "The same password again: ");
    if (first !== second) throw new CliError("The two passwords were not the same; nothing was created.");
    return first;
  }
  const rl = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of rl) return line;
  } finally {
    rl.close();
  }
  throw new CliError("No password on standard input: pipe one line, e.g. echo 'a long password' | npm run admin -- create-user …");
}

function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const input = io.stdin;
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      input.off("data", onData);
      input.setRawMode?.(false);
      input.pause();
      io.stderr.write("\n");
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === "\r" || ch === "\n") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u0003" || ch === "\u0004") {
          finish();
          reject(new CliError("Cancelled; nothing was created.", 130));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    io.stderr.write(prompt);
    input.setRawMode?.(true);
    input.on("data", onData);
    input.resume();
  });
}
