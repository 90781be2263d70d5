import { describe, expect, it } from "vitest";
import { describeDevice, maskAddress } from "./devices.ts";

describe("describeDevice", () => {
  it.each([
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari on iPhone",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      "Edge on Windows",
    ],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Mac"],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Chrome on Linux"],
    ["curl/8.5.0", "An unknown device"],
    [null, "An unknown device"],
  ])("%s → %s", (ua, expected) => {
    expect(describeDevice(ua)).toBe(expected);
  });
});

describe("maskAddress", () => {
  it("keeps an IPv4 address's /24 only", () => {
    expect(maskAddress("203.0.113.57")).toBe("203.0.113.0/24");
    expect(maskAddress("::ffff:198.51.100.4")).toBe("198.51.100.0/24");
  });
  it("keeps an IPv6 address's /48 only", () => {
    expect(maskAddress("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe("2001:db8:85a3::/48");
    expect(maskAddress("2001:db8::1")).toBe("2001:db8:0::/48");
  });
  it("says nothing when there is no address", () => {
    expect(maskAddress(null)).toBeNull();
    expect(maskAddress("")).toBeNull();
    expect(maskAddress("not an address")).toBeNull();
  });
});
