import { formatIp, inAnyRange, parseIp, type IpRange } from "./ip-ranges";

/**
 * Who is on the other end of a request. Any header a client sends can be
 * forged, X-Forwarded-For included (Next.js even fills it in when it is
 * missing), so the address comes from the TCP connection: the production
 * server (scripts/ops-hub-server.mjs) drops any client-sent copy of
 * CLIENT_ADDRESS_HEADER and sets it to the socket's peer on every request.
 * Only when that peer is one of OPS_HUB_TRUSTED_PROXIES do the forwarding
 * headers count, and then only the hops the trusted proxies added.
 *
 * Without the production server in front (`next dev`), the header may come
 * from the client, so it is ignored and the address is unknown.
 */
export const CLIENT_ADDRESS_HEADER = "x-ops-hub-client-address";

/** Set by the production server, which stamps every request with its peer. */
const STAMPED = Symbol.for("ops-hub.client-address-stamped");

type HeaderSource = Pick<Headers, "get">;

function serverStampsPeer(): boolean {
  return (globalThis as Record<symbol, unknown>)[STAMPED] === true;
}

/** The address the connection came from, as the production server saw it. */
export function peerAddress(headers: HeaderSource): string | undefined {
  if (!serverStampsPeer()) return undefined;
  const ip = parseIp(headers.get(CLIENT_ADDRESS_HEADER) ?? "");
  return ip ? formatIp(ip) : undefined;
}

/** Whether the request came straight from one of the trusted proxies. */
export function fromTrustedProxy(headers: HeaderSource, trusted: readonly IpRange[]): boolean {
  const peer = parseIp(peerAddress(headers) ?? "");
  return peer !== undefined && inAnyRange(peer, trusted);
}

/**
 * The client's address: the peer, or, behind trusted proxies, the nearest
 * X-Forwarded-For hop that is not one of them. Hops are read from the right
 * (the last one is what the nearest proxy saw), so entries a client put in
 * front of them change nothing. Undefined when the production server did not
 * say (see above).
 */
export function clientAddress(
  headers: HeaderSource,
  trusted: readonly IpRange[],
): string | undefined {
  const peer = peerAddress(headers);
  if (!peer || !fromTrustedProxy(headers, trusted)) return peer;
  let address = peer;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((hop) => hop.trim());
  for (const hop of hops.reverse()) {
    const ip = parseIp(hop);
    // Garbage from a proxy: stop at the last address known to be right.
    if (!ip) break;
    address = formatIp(ip);
    if (!inAnyRange(ip, trusted)) break;
  }
  return address;
}

/**
 * The value the nearest trusted proxy gave a forwarding header (the last
 * one: a proxy that appends puts its own after the client's), or undefined
 * when the request did not come from a trusted proxy.
 */
export function trustedForwarded(
  headers: HeaderSource,
  name: "x-forwarded-host" | "x-forwarded-proto",
  trusted: readonly IpRange[],
): string | undefined {
  if (!fromTrustedProxy(headers, trusted)) return undefined;
  return headers.get(name)?.split(",").at(-1)?.trim() || undefined;
}
