import dns from "node:dns";
import type { LookupFunction } from "node:net";
import {
  formatIp,
  inAnyRange,
  inRange,
  normalizeHostName,
  parseIp,
  parseIpRange,
  type AddressList,
  type Ip,
} from "@/lib/security/ip-ranges";

/**
 * Where a probe may connect. Anyone holding a hub-write key can declare a
 * probe URL, and its answer comes back through status, headers and the body
 * checks; so by default a probe does not reach this machine, its network's
 * private ranges or a cloud's metadata service. The check runs on the address
 * actually connected to (a `lookup` handed to the request, and literal
 * addresses before it), so a name that resolves to a public address at one
 * moment and to 127.0.0.1 the next (DNS rebinding) is caught as well.
 *
 * OPS_HUB_PROBE_ALLOW opens what an estate needs: a range allows the
 * addresses in it; a host name allows that name, wherever it resolves.
 */
export type ProbeAllowList = AddressList;

export const NOTHING_ALLOWED: ProbeAllowList = { hosts: [], ranges: [] };

const rule = (cidr: string, what: string) => ({ range: parseIpRange(cidr)!, what });

/** Checked in order: the metadata services first, so they are named as such. */
const DENIED = [
  rule("169.254.169.254", "cloud metadata"),
  rule("169.254.170.2", "cloud metadata"),
  rule("100.100.100.200", "cloud metadata"),
  rule("fd00:ec2::254", "cloud metadata"),
  rule("0.0.0.0/8", "unspecified"),
  rule("10.0.0.0/8", "private"),
  rule("100.64.0.0/10", "shared (CGNAT)"),
  rule("127.0.0.0/8", "loopback"),
  rule("169.254.0.0/16", "link-local"),
  rule("172.16.0.0/12", "private"),
  rule("192.0.0.0/24", "reserved"),
  rule("192.168.0.0/16", "private"),
  rule("198.18.0.0/15", "reserved"),
  rule("224.0.0.0/4", "multicast"),
  rule("240.0.0.0/4", "reserved"),
  rule("::/128", "unspecified"),
  rule("::1/128", "loopback"),
  rule("::/96", "reserved"),
  rule("2001::/32", "reserved"),
  rule("fc00::/7", "private"),
  rule("fe80::/10", "link-local"),
  rule("fec0::/10", "private"),
  rule("ff00::/8", "multicast"),
];

const NAT64 = parseIpRange("64:ff9b::/96")!;
const SIX_TO_FOUR = parseIpRange("2002::/16")!;

/** The IPv4 address inside a NAT64 or 6to4 address, which is where it leads. */
function embeddedIpv4(ip: Ip): Ip | undefined {
  if (inRange(ip, NAT64)) return { family: 4, value: ip.value & 0xffffffffn };
  if (inRange(ip, SIX_TO_FOUR)) return { family: 4, value: (ip.value >> 80n) & 0xffffffffn };
  return undefined;
}

/** Why a probe may not connect to this address (e.g. "loopback"); undefined when it may. */
export function deniedAddress(ip: Ip, allow: ProbeAllowList): string | undefined {
  if (inAnyRange(ip, allow.ranges)) return undefined;
  const embedded = embeddedIpv4(ip);
  if (embedded) return deniedAddress(embedded, allow);
  return DENIED.find(({ range }) => inRange(ip, range))?.what;
}

export function hostAllowed(hostname: string, allow: ProbeAllowList): boolean {
  const name = normalizeHostName(hostname);
  return name !== undefined && allow.hosts.includes(name);
}

/** The error a denied connection fails with; the engine reports it as kind "denied". */
export class ProbeDeniedError extends Error {
  readonly code = "PROBE_DENIED";
}

function denial(address: Ip, what: string, hostname?: string): ProbeDeniedError {
  const embedded = embeddedIpv4(address);
  const where = `${formatIp(address)}${embedded ? ` (which leads to ${formatIp(embedded)})` : ""}`;
  const kind = `${/^[aeiou]/.test(what) ? "an" : "a"} ${what} address`;
  return new ProbeDeniedError(
    `${hostname ? `${hostname} resolves to ${where}, ${kind}` : `${where} is ${kind}`}; probes may not reach it unless OPS_HUB_PROBE_ALLOW allows it`,
  );
}

/** For a host given as an address: the denial, if any (no lookup happens for these). */
export function checkLiteralAddress(
  host: string,
  allow: ProbeAllowList,
): ProbeDeniedError | undefined {
  const ip = parseIp(host);
  if (!ip) return undefined;
  const what = deniedAddress(ip, allow);
  return what ? denial(ip, what) : undefined;
}

/** Name resolution, as dns.lookup does it with `all: true` (tests hand in their own). */
export type Resolver = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, options, callback) =>
  dns.lookup(hostname, options, callback);

/**
 * A `lookup` for http(s).request: resolves as usual, then keeps only the
 * addresses a probe may reach, so the socket can only connect to one of them.
 */
export function guardedLookup(
  allow: ProbeAllowList,
  resolve: Resolver = systemResolver,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const permitted: dns.LookupAddress[] = [];
      let refused: ProbeDeniedError | undefined;
      for (const entry of addresses) {
        const ip = parseIp(entry.address);
        const what = ip ? deniedAddress(ip, allow) : "unparsable";
        if (!what) permitted.push(entry);
        else refused ??= denial(ip ?? { family: 4, value: 0n }, what, hostname);
      }
      const first = permitted[0];
      if (!first) {
        const notFound = Object.assign(new Error(`${hostname} does not resolve`), {
          code: "ENOTFOUND",
        });
        return callback(refused ?? notFound, "", 0);
      }
      if (options.all) return callback(null, permitted);
      callback(null, first.address, first.family);
    });
  };
}
