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
  close(): void;
}

export interface MailSettings {
  /** smtp://user:password@host:587 or smtps://…:465. */
  smtpUrl: string;
  /** The From address, e.g. "Convene <convene@example.org>". */
  from: string;
}

export function smtpMailer(settings: MailSettings): Mailer {
  const transport = nodemailer.createTransport({
    url: settings.smtpUrl,
    // A mail server that stops answering must fail the try, not hold the worker past its lease.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from: settings.from, ...message });
    },
    close: () => transport.close(),
  };
}
