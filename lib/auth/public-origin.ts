import { NextRequest } from "next/server";

/**
 * The request as the browser addressed it. Next's standalone server builds a
 * route handler's `request.url` from the address it listens on (0.0.0.0),
 * while Auth.js derives its callback URL and redirects from `request.url`: an
 * OpenID Connect callback would then name a redirect_uri the provider never
 * saw. The Host (or a TLS proxy's X-Forwarded-Host/-Proto) says where the
 * browser is; Auth.js trusts the same headers (`trustHost`).
 */
export function atPublicOrigin(request: NextRequest): NextRequest {
  const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim() || undefined;
  const host = first("x-forwarded-host") ?? first("host");
  if (!host) return request;
  const proto = first("x-forwarded-proto") ?? request.nextUrl.protocol.replace(/:$/, "");
  const origin = `${proto === "https" ? "https" : "http"}://${host}`;
  if (request.nextUrl.origin === origin) return request;
  const { pathname, search } = request.nextUrl;
  return new NextRequest(new URL(`${pathname}${search}`, origin), request);
}
