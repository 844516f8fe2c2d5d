import { NextRequest, NextResponse, type NextFetchEvent } from "next/server";
import { auth } from "@/lib/auth/auth";
import { lookupScreenLink } from "@/lib/data/screen-links";
import { getEnv, oidcConfig } from "@/lib/env";
import { contentSecurityPolicy, createNonce, securityHeaders } from "@/lib/security/headers";
import {
  publicOrigin,
  servedOverHttps,
  withPublicOriginHeaders,
} from "@/lib/security/public-origin";

/**
 * Runs before every request: sets the security headers (a nonce-based
 * Content-Security-Policy and friends) on every response, and makes every
 * page need a signed-in user. Open: the sign-in page, Auth.js itself, the
 * health probes, the embedded hub's API (it checks its own keys), shared-
 * screen links (their random token is the credential; they show one wave's
 * present view, read-only) and the build's static assets.
 *
 * It also fixes the origin everything after it sees: X-Forwarded-Host and
 * -Proto are rewritten to the public origin (lib/security/public-origin.ts),
 * so Auth.js's sign-in redirects and Next's server-action origin check never
 * take a client's forged values.
 */
const PUBLIC_PATHS = [
  /^\/signin$/,
  /^\/api\/auth\//,
  /^\/api\/health$/,
  /^\/api\/ready$/,
  /^\/api\/v2(\/|$)/,
  /^\/screen\/[^/]+$/,
  /^\/api\/screen\/[^/]+(\/live)?$/,
  /^\/_next\/(static|image)\//,
  // The app's icons (app/favicon.ico, icon.svg, apple-icon.png): the sign-in page shows them too.
  /^\/(favicon\.ico|icon\.svg|apple-icon\.png)$/,
];

const requireSignIn = auth((request) => {
  // The request's headers carry this response's CSP, so Next finds the nonce.
  if (request.auth) return NextResponse.next({ request: { headers: request.headers } });
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/"))
    return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const signIn = new URL("/signin", request.nextUrl.origin);
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
});

const SCREEN_PAGE = /^\/screen\/([^/]+)$/;

/**
 * A shared screen's page answers like its API: 404 for an unknown token, 410
 * once revoked or expired (the page itself says which). A page cannot set
 * its own status, so it is set here, before the page renders.
 */
async function screenPageStatus(request: NextRequest): Promise<number> {
  const token = SCREEN_PAGE.exec(request.nextUrl.pathname)?.[1];
  if (!token || (request.method !== "GET" && request.method !== "HEAD")) return 200;
  const found = await lookupScreenLink(token);
  if (!found) return 404;
  return found.state === "active" ? 200 : 410;
}

/** Form posts (server actions) beyond this are refused here with a 413, before Next parses them. */
const MAX_FORM_BYTES = 1024 * 1024;

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (
    request.method === "POST" &&
    length > MAX_FORM_BYTES &&
    !request.nextUrl.pathname.startsWith("/api/v2")
  ) {
    return NextResponse.json(
      { error: "payload_too_large", message: "at most 1 MiB per submission" },
      { status: 413 },
    );
  }
  const env = getEnv();
  // The production server speaks plain HTTP; HTTPS is what the public URL or
  // a trusted proxy says (Next derives nextUrl.protocol from a header anyone can send).
  const https = servedOverHttps(request.headers);
  const origin = publicOrigin(request.headers);
  const issuer = oidcConfig(env)?.issuer;
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    // Signing in through the identity provider is a form post that redirects there.
    formTargets: issuer ? [new URL(issuer).origin] : [],
    development: env.NODE_ENV === "development",
    https,
  });
  const headers = withPublicOriginHeaders(new Headers(request.headers), origin);
  headers.set("content-security-policy", policy);

  let response: Response;
  if (PUBLIC_PATHS.some((pattern) => pattern.test(request.nextUrl.pathname))) {
    response = NextResponse.next({ request: { headers }, status: await screenPageStatus(request) });
  } else {
    // With a lazily built config (the session secret may live in the data
    // directory), Auth.js hands back its wrapper asynchronously.
    // Its types describe the route-handler flavour; as a proxy it takes (request, event).
    const guard = (await Promise.resolve(requireSignIn)) as unknown as (
      request: NextRequest,
      event: NextFetchEvent,
    ) => Promise<Response>;
    // The session check needs only the address and the headers (cookies);
    // at the public origin, so the redirect to sign-in stays on it.
    const { pathname, search } = request.nextUrl;
    const atOrigin = new URL(`${pathname}${search}`, origin ?? request.nextUrl.origin);
    response = await guard(new NextRequest(atOrigin, { headers }), event);
  }
  for (const [name, value] of securityHeaders(policy, { https })) response.headers.set(name, value);
  return response;
}

// Every path, static assets included: all responses get the headers.
export const config = {
  matcher: ["/:path*"],
};
