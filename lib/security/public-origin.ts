import { NextRequest } from "next/server";

/**
 * Where the browser is: the Host, or a TLS proxy's X-Forwarded-Host and
 * X-Forwarded-Proto (the first hop of each). Auth.js trusts the same headers
 * (`trustHost`). Next's standalone server builds a route handler's
 * `request.url` from the address it listens on (0.0.0.0), so redirects,
 * callback URLs and links a person copies are built from these instead.
 */
const firstHop = (headers: Pick<Headers, "get">, name: string) =>
  headers.get(name)?.split(",")[0]?.trim() || undefined;

/** Whether the browser reached this server over HTTPS (directly, or through a TLS proxy). */
export function servedOverHttps(headers: Pick<Headers, "get">, protocol = "http"): boolean {
  return (firstHop(headers, "x-forwarded-proto") ?? protocol.replace(/:$/, "")) === "https";
}

/** The origin the browser addressed, e.g. `https://ops.example.org`; undefined without a Host. */
export function publicOrigin(headers: Pick<Headers, "get">, protocol = "http"): string | undefined {
  const host = firstHop(headers, "x-forwarded-host") ?? firstHop(headers, "host");
  if (!host) return undefined;
  return `${servedOverHttps(headers, protocol) ? "https" : "http"}://${host}`;
}

/** The request as the browser addressed it (see above). */
export function atPublicOrigin(request: NextRequest): NextRequest {
  const origin = publicOrigin(request.headers, request.nextUrl.protocol);
  if (!origin || request.nextUrl.origin === origin) return request;
  const { pathname, search } = request.nextUrl;
  return new NextRequest(new URL(`${pathname}${search}`, origin), request);
}
