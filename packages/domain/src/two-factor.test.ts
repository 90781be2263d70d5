import { describe, expect, it } from "vitest";
import { lastFactorRefusal, mustHaveTwoFactor, twoFactorMissing } from "./two-factor.ts";

describe("who must have two-factor sign-in", () => {
  it("is always the convenor", () => {
    expect(mustHaveTwoFactor("convenor", false)).toBe(true);
    expect(mustHaveTwoFactor("member", false)).toBe(false);
    expect(mustHaveTwoFactor("observer", false)).toBe(false);
  });

  it("is everyone when the convenor requires it of everyone", () => {
    expect(mustHaveTwoFactor("member", true)).toBe(true);
    expect(mustHaveTwoFactor("observer", true)).toBe(true);
  });
});

describe("two-factor missing", () => {
  const none = { hasTotp: false, hasPasskey: false };

  it("holds back a convenor with neither an authenticator app nor a passkey", () => {
    expect(twoFactorMissing({ role: "convenor", requiredOfEveryone: false, ...none })).toBe(true);
  });

  it("counts an authenticator app or a passkey alike", () => {
    expect(twoFactorMissing({ role: "convenor", requiredOfEveryone: false, hasTotp: true, hasPasskey: false })).toBe(false);
    expect(twoFactorMissing({ role: "convenor", requiredOfEveryone: false, hasTotp: false, hasPasskey: true })).toBe(false);
  });

  it("lets a member without it through unless it is required of everyone", () => {
    expect(twoFactorMissing({ role: "member", requiredOfEveryone: false, ...none })).toBe(false);
    expect(twoFactorMissing({ role: "member", requiredOfEveryone: true, ...none })).toBe(true);
    expect(twoFactorMissing({ role: "observer", requiredOfEveryone: true, ...none })).toBe(true);
  });
});

describe("lastFactorRefusal", () => {
  const convenor = { role: "convenor" as const, requiredOfEveryone: false };
  it("keeps the last factor of someone who must have one", () => {
    expect(lastFactorRefusal({ ...convenor, hasTotp: true, passkeys: 0 }, "totp")).toMatch(/add a passkey before/);
    expect(lastFactorRefusal({ ...convenor, hasTotp: false, passkeys: 1 }, "passkey")).toMatch(/another passkey before/);
    expect(lastFactorRefusal({ role: "member", requiredOfEveryone: true, hasTotp: true, passkeys: 0 }, "totp")).not.toBeNull();
  });
  it("lets a factor go while another remains, or when none is required", () => {
    expect(lastFactorRefusal({ ...convenor, hasTotp: true, passkeys: 1 }, "totp")).toBeNull();
    expect(lastFactorRefusal({ ...convenor, hasTotp: true, passkeys: 1 }, "passkey")).toBeNull();
    expect(lastFactorRefusal({ ...convenor, hasTotp: false, passkeys: 2 }, "passkey")).toBeNull();
    expect(lastFactorRefusal({ role: "member", requiredOfEveryone: false, hasTotp: true, passkeys: 0 }, "totp")).toBeNull();
  });
});
