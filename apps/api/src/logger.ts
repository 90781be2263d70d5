/** The server's structured log: JSON lines on standard output (pino), at LOG_LEVEL. */
import { pino } from "pino";

export type Logger = pino.Logger;

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export function createLogger(level: LogLevel = "info", destination?: pino.DestinationStream): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** Tests and the admin command line: a logger that writes nothing. */
export const silentLogger: Logger = pino({ level: "silent" });
