import { NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { trustedForwarded } from "./client-address";
import type { IpRange } from "./ip-ranges";

/**
 * The one origin browsers use, for redirects (Auth.js's included), callback
 * URLs and the links people copy. OPS_HUB_PUBLIC_URL fixes it. Without it,
 * it is the Host the browser addressed, or, only for a request from one of
 * OPS_HUB_TRUSTED_PROXIES, the X-Forwarded-Host and X-Forwarded-Proto that
 * proxy set: from anyone else they are the client's word, and trusting them
 * let a forged X-Forwarded-Host send a signed-in user to another site.
 * Next's standalone server builds a route handler's `request.url` from the
 * address it listens on (0.0.0.0), so the URLs are built from this instead.
 */
type HeaderSource = Pick<Headers, "get">;
type OriginSettings = { publicUrl?: string; trustedProxies: readonly IpRange[] };

function settings(): OriginSettings {
  const env = getEnv();
  return { publicUrl: env.OPS_HUB_PUBLIC_URL, trustedProxies: env.OPS_HUB_TRUSTED_PROXIES };
}

/** host or host:port, a name or an address: nothing that could carry a path or credentials. */
const HOST = /^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/**
 * Whether the browser reached this server over HTTPS: the public URL's
 * scheme, a trusted proxy's X-Forwarded-Proto, or the connection's own
 * `protocol` (plain HTTP for the production server).
 */
export function servedOverHttps(
  headers: HeaderSource,
  protocol = "http",
  { publicUrl, trustedProxies }: OriginSettings = settings(),
): boolean {
  if (publicUrl) return publicUrl.startsWith("https:");
  const forwarded = trustedForwarded(headers, "x-forwarded-proto", trustedProxies);
  return (forwarded ?? protocol.replace(/:$/, "")) === "https";
}

/** The origin the browser addressed, e.g. `https://ops.example.org`; undefined without a usable Host. */
export function publicOrigin(
  headers: HeaderSource,
  protocol = "http",
  origin: OriginSettings = settings(),
): string | undefined {
  if (origin.publicUrl) return origin.publicUrl;
  const host =
    trustedForwarded(headers, "x-forwarded-host", origin.trustedProxies) ??
    headers.get("host")?.trim();
  if (!host || !HOST.test(host)) return undefined;
  return `${servedOverHttps(headers, protocol, origin) ? "https" : "http"}://${host.toLowerCase()}`;
}

/**
 * The headers downstream code (Auth.js's server-side sign-in, Next's server
 * action origin check) reads the origin from, rewritten to the public
 * origin: X-Forwarded-Host and -Proto say what publicOrigin says, so a
 * client's own values never reach them.
 */
export function withPublicOriginHeaders(headers: Headers, origin: string | undefined): Headers {
  if (!origin) {
    headers.delete("x-forwarded-host");
    headers.delete("x-forwarded-proto");
    return headers;
  }
  const url = new URL(origin);
  headers.set("x-forwarded-host", url.host);
  headers.set("x-forwarded-proto", url.protocol.replace(/:$/, ""));
  return headers;
}

/** The request as the browser addressed it (see above), for Auth.js's route handlers. */
export function atPublicOrigin(request: NextRequest): NextRequest {
  const origin = publicOrigin(request.headers);
  const headers = withPublicOriginHeaders(new Headers(request.headers), origin);
  const { pathname, search } = request.nextUrl;
  return new NextRequest(
    new URL(`${pathname}${search}`, origin ?? request.nextUrl.origin),
    new Request(request, { headers }),
  );
}
