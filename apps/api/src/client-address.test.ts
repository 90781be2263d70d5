import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "./client-address.ts";

describe("the client address", () => {
  it("is the TCP peer when no proxy is trusted, whatever the request says", () => {
    expect(clientAddress("198.51.100.7", "203.0.113.1", undefined)).toBe("198.51.100.7");
  });

  it("ignores a forged X-Forwarded-For from a peer that is not a trusted proxy", () => {
    const trusted = parseTrustedProxies("127.0.0.1");
    expect(clientAddress("198.51.100.7", "203.0.113.1", trusted)).toBe("198.51.100.7");
  });

  it("is the address a trusted proxy was reached from", () => {
    const trusted = parseTrustedProxies("127.0.0.1");
    expect(clientAddress("127.0.0.1", "203.0.113.9", trusted)).toBe("203.0.113.9");
    // No header from the proxy: the proxy itself is all we know.
    expect(clientAddress("127.0.0.1", null, trusted)).toBe("127.0.0.1");
  });

  it("follows the chain through two trusted proxies, and no further than the first untrusted address", () => {
    const trusted = parseTrustedProxies("127.0.0.1, 10.0.0.0/8");
    // The client forged "192.0.2.66"; the edge proxy 10.1.1.1 appended the real client, the local proxy appended 10.1.1.1.
    expect(clientAddress("127.0.0.1", "192.0.2.66, 203.0.113.9, 10.1.1.1", trusted)).toBe("203.0.113.9");
    // Two headers count as one list, in order.
    expect(clientAddress("127.0.0.1", "192.0.2.66, 203.0.113.9,10.1.1.1", trusted)).toBe("203.0.113.9");
  });

  it("stops at the last vouched-for address when an entry is not an address", () => {
    const trusted = parseTrustedProxies("127.0.0.1, 10.0.0.0/8");
    expect(clientAddress("127.0.0.1", "203.0.113.9, not-an-address, 10.1.1.1", trusted)).toBe("10.1.1.1");
    expect(clientAddress("127.0.0.1", "unknown", trusted)).toBe("127.0.0.1");
  });

  it("takes the left-most when every entry is a trusted proxy", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8");
    expect(clientAddress("10.0.0.1", "10.2.2.2, 10.3.3.3", trusted)).toBe("10.2.2.2");
  });

  it("reads IPv6, IPv4 written as IPv6, and entries with ports", () => {
    const trusted = parseTrustedProxies("::1 fd00::/8 127.0.0.1");
    expect(clientAddress("::1", "2001:db8::5", trusted)).toBe("2001:db8::5");
    expect(clientAddress("::ffff:127.0.0.1", "203.0.113.9:51000", trusted)).toBe("203.0.113.9");
    expect(clientAddress("fd00::2", "[2001:db8::6]:443", trusted)).toBe("2001:db8::6");
  });
});

describe("the TRUST_PROXY setting", () => {
  it("accepts addresses and ranges, separated by commas or spaces", () => {
    const trusted = parseTrustedProxies("127.0.0.1, 10.0.0.0/8 ::1");
    expect(trusted.has("10.200.0.1")).toBe(true);
    expect(trusted.has("11.0.0.1")).toBe(false);
    expect(trusted.has("::1")).toBe(true);
    expect(trusted.has("garbage")).toBe(false);
  });

  it("says which entry is wrong", () => {
    expect(() => parseTrustedProxies("127.0.0.1, proxy.local")).toThrow('"proxy.local" is not an IP address');
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow("from 0 to 32");
    expect(() => parseTrustedProxies(" , ")).toThrow("names no address");
  });
});
