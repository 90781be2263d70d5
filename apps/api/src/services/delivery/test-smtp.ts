/**
 * Tests only: a real SMTP server on 127.0.0.1 (smtp-server) that keeps what it receives, parsed
 * with mailparser, and can be told to refuse mail for a while (a mail server that is down).
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface Received {
  to: string[];
  mail: ParsedMail;
}

export async function testSmtpServer() {
  const received: Received[] = [];
  const state = { refusing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      if (state.refusing) {
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          // Kept before the server says 250, so a send has arrived by the time it resolves.
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    state,
    /** Who received mail, one entry per email, sorted. */
    recipients: () => received.flatMap((r) => r.to).sort(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
