import { describe, expect, it } from "vitest";
import { readEnv } from "./env.ts";

describe("email settings", () => {
  it("are off unless SMTP_URL is set", () => {
    const env = readEnv({});
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("take an smtp:// address with a From address", () => {
    const env = readEnv({ SMTP_URL: "smtp://user:pass@mail.example.org:587", MAIL_FROM: "Convene <convene@example.org>" });
    expect(env).toMatchObject({ SMTP_URL: "smtp://user:pass@mail.example.org:587", MAIL_FROM: "Convene <convene@example.org>" });
  });

  it("refuse a wrong address or a missing From in plain words", () => {
    expect(() => readEnv({ SMTP_URL: "mail.example.org", MAIL_FROM: "a@b.org" })).toThrow(
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ address/,
    );
    expect(() => readEnv({ SMTP_URL: "smtp://mail.example.org" })).toThrow(/MAIL_FROM: is needed with SMTP_URL/);
  });
});

describe("the trusted-proxy setting", () => {
  it("is unset by default: no forwarded header is believed", () => {
    expect(readEnv({}).TRUST_PROXY).toBeUndefined();
  });

  it("takes addresses and ranges, and refuses anything else naming the entry", () => {
    expect(readEnv({ TRUST_PROXY: "127.0.0.1,10.0.0.0/8" }).TRUST_PROXY).toBe("127.0.0.1,10.0.0.0/8");
    expect(() => readEnv({ TRUST_PROXY: "127.0.0.1,nginx" })).toThrow(/TRUST_PROXY: "nginx" is not an IP address/);
  });
});
