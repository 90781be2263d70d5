/**
 * How a session is described to the person who owns it: the device in plain words from the
 * browser's user agent, and the address it came from masked, so the list helps someone spot a
 * sign-in that is not theirs without the dashboard holding a precise location. No address
 * database is shipped, so there is no place name: the masked address is the "approximate place".
 */

const browsers: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];

const systems: [RegExp, string][] = [
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "Mac"],
  [/Linux/, "Linux"],
];

/** "Chrome on Android", "Safari on iPhone"; "An unknown device" when the agent says nothing useful. */
export function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent) return "An unknown device";
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  return "An unknown device";
}

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * An IPv4 address to its /24 ("203.0.113.0/24"), an IPv6 one to its /48; an IPv4 address
 * written as IPv6 ("::ffff:203.0.113.9") is treated as IPv4. Null when there is none.
 */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const plain = address.trim().replace(/^::ffff:/i, "");
  const v4 = ipv4.exec(plain);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (plain.includes(":")) {
    const [head = ""] = plain.split("::");
    const groups = head.split(":").filter(Boolean).slice(0, 3);
    while (groups.length < 3) groups.push("0");
    return `${groups.join(":")}::/48`;
  }
  return null;
}
