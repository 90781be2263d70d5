/** Sending email through nodemailer, over the SMTP server SMTP_URL names. */
import nodemailer from "nodemailer";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe and List-Unsubscribe-Post). */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(message: OutgoingEmail): Promise<void>;
  /** Connects (and signs in, if SMTP_URL names a user) without sending: throws what went wrong. */
  verify(): Promise<void>;
  close(): void;
}

export interface MailSettings {
  /** smtp://user:password@host:587 or smtps://…:465. */
  smtpUrl: string;
  /** The From address, e.g. "Convene <convene@example.org>". */
  from: string;
}

/** The mail server as a log or the convenor's screen may name it: host and port, never the password. */
export function mailServerLabel(smtpUrl: string): string {
  const match = /^smtps?:\/\/(?:[^@/]*@)?([^/?#]+)/i.exec(smtpUrl);
  return match?.[1] ?? "the mail server";
}

/** What each failure says, in words a convenor can act on, with the mail library's own reason after. */
export function mailErrorMessage(error: unknown, smtpUrl: string): string {
  const reason = error instanceof Error ? error.message : String(error);
  const server = mailServerLabel(smtpUrl);
  const code = (error as { code?: string } | null)?.code;
  if (code === "EDNS" || /ENOTFOUND|EAI_AGAIN/.test(reason)) return `The mail server ${server} in SMTP_URL could not be found (${reason}).`;
  if (code === "ECONNECTION" || /ECONNREFUSED|ECONNRESET/.test(reason))
    return `The mail server ${server} in SMTP_URL refused the connection (${reason}).`;
  if (code === "ETIMEDOUT") return `The mail server ${server} in SMTP_URL did not answer in time (${reason}).`;
  if (code === "EAUTH") return `The mail server ${server} refused the user name or password in SMTP_URL (${reason}).`;
  return `Sending through ${server} failed: ${reason}`;
}

export function smtpMailer(settings: MailSettings): Mailer {
  let transport: ReturnType<typeof nodemailer.createTransport>;
  try {
    // WHATWG URL parsing first: it refuses what nodemailer's legacy parser would only warn about.
    new URL(settings.smtpUrl);
    transport = nodemailer.createTransport({
      url: settings.smtpUrl,
      // A mail server that stops answering must fail the try, not hold the worker past its lease.
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
  } catch (error) {
    // A malformed SMTP_URL must not stop Convene: changes are still saved, their email waits in
    // the outbox, and every try says what is wrong until the setting is fixed.
    const reason = error instanceof Error ? error.message : String(error);
    const message = `SMTP_URL is not a mail server address Convene can use (${reason}). Fix SMTP_URL and restart Convene; waiting email is kept and sent then.`;
    const refuse = async () => {
      throw new Error(message);
    };
    return { send: refuse, verify: refuse, close: () => {} };
  }
  return {
    async send(message) {
      try {
        await transport.sendMail({ from: settings.from, ...message });
      } catch (error) {
        throw new Error(mailErrorMessage(error, settings.smtpUrl), { cause: error });
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw new Error(mailErrorMessage(error, settings.smtpUrl), { cause: error });
      }
    },
    close: () => transport.close(),
  };
}
