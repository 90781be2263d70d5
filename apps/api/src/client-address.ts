/**
 * The client's address, for the sign-in limit and the sessions' approximate place. By default the
 * TCP peer: no header is believed, since any client can send one. With TRUST_PROXY, a request
 * whose peer is one of the named proxies is taken from X-Forwarded-For instead: the right-most
 * address there that is not itself a trusted proxy. Each proxy appends the address it was reached
 * from, so everything right of that one was written by proxies we trust, and anything left of it
 * may have been made up by the client.
 */
import { BlockList, isIP } from "node:net";

export interface TrustedProxies {
  has(address: string): boolean;
  /** The setting as given, for the start-up line. */
  readonly description: string;
}

const familyOf = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

/**
 * Parses TRUST_PROXY: addresses and CIDR ranges separated by commas or spaces
 * ("127.0.0.1, 10.0.0.0/8, ::1"). Throws an Error saying which entry is wrong.
 */
export function parseTrustedProxies(setting: string): TrustedProxies {
  const list = new BlockList();
  const entries = setting.split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) throw new Error("names no address: give proxy addresses or ranges, e.g. 127.0.0.1,10.0.0.0/8");
  for (const entry of entries) {
    const [address = "", prefix, extra] = entry.split("/");
    const version = isIP(address);
    if (version === 0 || extra !== undefined) throw new Error(`"${entry}" is not an IP address or a CIDR range like 10.0.0.0/8`);
    if (prefix === undefined) {
      list.addAddress(address, familyOf(address));
      continue;
    }
    const bits = Number(prefix);
    if (!/^\d{1,3}$/.test(prefix) || bits > (version === 6 ? 128 : 32)) {
      throw new Error(`"${entry}" has a range size that is not a whole number from 0 to ${version === 6 ? 128 : 32}`);
    }
    list.addSubnet(address, bits, familyOf(address));
  }
  return { has: (address) => isIP(address) !== 0 && list.check(address, familyOf(address)), description: entries.join(", ") };
}

/** One X-Forwarded-For entry as an address: "[::1]:443" and "203.0.113.9:5000" lose their port; anything else is null. */
function addressIn(entry: string): string | null {
  const s = entry.trim();
  if (isIP(s)) return s;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed?.[1] && isIP(bracketed[1]) === 6) return bracketed[1];
  const withPort = /^([\d.]+):\d+$/.exec(s);
  if (withPort?.[1] && isIP(withPort[1]) === 4) return withPort[1];
  return null;
}

/**
 * The address to count and show for a request from `peer` carrying `forwardedFor` (every
 * X-Forwarded-For header joined with commas, as Headers.get does).
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies | undefined,
): string | undefined {
  if (!trusted || !peer || !trusted.has(peer) || !forwardedFor) return peer;
  let client = peer;
  const hops = forwardedFor.split(",").reverse();
  for (const hop of hops) {
    const address = addressIn(hop);
    // A malformed entry is not an address to count by: keep the last one a trusted proxy vouched for.
    if (!address) return client;
    client = address;
    if (!trusted.has(address)) return address;
  }
  // Every entry is a trusted proxy: the left-most is as near the client as we can see.
  return client;
}
