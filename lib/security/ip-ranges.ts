/**
 * IP addresses and CIDR ranges, parsed strictly and compared as numbers: the
 * probes' address rules, their allow list (OPS_HUB_PROBE_ALLOW) and the
 * trusted proxies (OPS_HUB_TRUSTED_PROXIES) all use these. An IPv4-mapped
 * IPv6 address (`::ffff:127.0.0.1`, as a dual-stack socket reports an IPv4
 * peer) is the IPv4 address it maps, so no rule can be dodged by writing an
 * address the other way. Pure: no I/O, safe anywhere.
 */
export type Ip = { family: 4 | 6; value: bigint };
export type IpRange = { family: 4 | 6; value: bigint; prefix: number };

const BITS = { 4: 32, 6: 128 } as const;
const MAPPED_PREFIX = 0xffffn << 32n;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Decimal only, no leading zeros: "010" would be octal to some parsers.
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length > 45) return undefined;
  let groups: string[];
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const split = (half: string) => (half === "" ? [] : half.split(":"));
  // A trailing dotted IPv4 address counts as two groups.
  const expand = (parts: string[]) => {
    const last = parts.at(-1);
    if (last === undefined || !last.includes(".")) return parts;
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    return [...parts.slice(0, -1), (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
  };
  if (halves.length === 2) {
    const head = split(halves[0]!);
    const tail = expand(split(halves[1]!));
    if (!tail || head.some((part) => part.includes("."))) return undefined;
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array<string>(missing).fill("0"), ...tail];
  } else {
    const all = expand(split(text));
    if (!all) return undefined;
    groups = all;
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(`0x${group}`);
  }
  return value;
}

/** An IPv4 or IPv6 address (brackets and an IPv6 zone allowed); undefined when it is not one. */
export function parseIp(text: string): Ip | undefined {
  const bare = text.trim().replace(/^\[(.*)\]$/, "$1");
  const v4 = parseIpv4(bare);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(bare.replace(/%[\w.-]+$/, ""));
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === MAPPED_PREFIX >> 32n) return { family: 4, value: v6 & 0xffffffffn };
  return { family: 6, value: v6 };
}

/** `10.0.0.0/8`, `fd00::/8`, or one address (a range of one). Host bits must be zero. */
export function parseIpRange(text: string): IpRange | undefined {
  const [address, prefixText, ...rest] = text.trim().split("/");
  if (rest.length > 0 || address === undefined) return undefined;
  const bare = address.replace(/^\[(.*)\]$/, "$1");
  const v6 = bare.includes(":") ? parseIpv6(bare) : undefined;
  const ip = parseIp(bare);
  if (!ip) return undefined;
  let prefix: number;
  if (prefixText === undefined) prefix = BITS[ip.family];
  else {
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    // An IPv4-mapped range, e.g. ::ffff:10.0.0.0/104, is the IPv4 range it maps.
    if (v6 !== undefined && ip.family === 4) prefix -= 96;
    if (prefix < 0 || prefix > BITS[ip.family]) return undefined;
  }
  const hostBits = BigInt(BITS[ip.family] - prefix);
  if ((ip.value >> hostBits) << hostBits !== ip.value) return undefined;
  return { family: ip.family, value: ip.value, prefix };
}

export function inRange(ip: Ip, range: IpRange): boolean {
  if (ip.family !== range.family) return false;
  const hostBits = BigInt(BITS[ip.family] - range.prefix);
  return ip.value >> hostBits === range.value >> hostBits;
}

export function inAnyRange(ip: Ip, ranges: readonly IpRange[]): boolean {
  return ranges.some((range) => inRange(ip, range));
}

/** The usual text form: dotted IPv4, compressed lower-case IPv6. */
export function formatIp(ip: Ip): string {
  if (ip.family === 4)
    return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) =>
    ((ip.value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16),
  );
  // The longest run of two or more zero groups becomes "::".
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  if (best.start < 0) return groups.join(":");
  const head = groups.slice(0, best.start).join(":");
  const tail = groups.slice(best.start + best.length).join(":");
  return `${head}::${tail}`;
}

export function formatIpRange(range: IpRange): string {
  const address = formatIp(range);
  return range.prefix === BITS[range.family] ? address : `${address}/${range.prefix}`;
}

/** A host name as DNS spells it (letters, digits, hyphens, dots), lower-case, no trailing dot. */
const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

export function normalizeHostName(host: string): string | undefined {
  const name = host.trim().toLowerCase().replace(/\.$/, "");
  return HOST_NAME.test(name) ? name : undefined;
}

/**
 * A comma-separated list of addresses and ranges (and, with `hosts`, host
 * names): each entry parsed, or the first bad one named.
 */
export type AddressList = { ranges: IpRange[]; hosts: string[] };

export function parseAddressList(
  text: string,
  options: { hosts: boolean },
): AddressList | { bad: string } {
  const ranges: IpRange[] = [];
  const hosts: string[] = [];
  for (const raw of text.split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const range = parseIpRange(entry);
    if (range) {
      ranges.push(range);
      continue;
    }
    // Something that looks like an address but is not one is a typo, not a host.
    const host = /^[\d.]+(\/\d+)?$|:|\//.test(entry) ? undefined : normalizeHostName(entry);
    if (options.hosts && host) hosts.push(host);
    else return { bad: entry };
  }
  return { ranges, hosts };
}
