import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { auth } from "@/lib/auth/auth";

/**
 * Every page needs a signed-in user. Open: the sign-in page, Auth.js itself,
 * the health probes, the embedded hub's API (it checks its own keys), and
 * shared-screen links (their random token is the credential; they show one
 * wave's present view, read-only).
 */
const PUBLIC_PATHS = [
  /^\/signin$/,
  /^\/api\/auth\//,
  /^\/api\/health$/,
  /^\/api\/ready$/,
  /^\/api\/v2(\/|$)/,
  /^\/screen\/[^/]+$/,
  /^\/api\/screen\/[^/]+$/,
];

const requireSignIn = auth((request) => {
  if (request.auth) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/"))
    return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const signIn = new URL("/signin", request.nextUrl.origin);
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
});

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  if (PUBLIC_PATHS.some((pattern) => pattern.test(request.nextUrl.pathname)))
    return NextResponse.next();
  // With a lazily built config (the session secret may live in the data
  // directory), Auth.js hands back its wrapper asynchronously.
  // Its types describe the route-handler flavour; as a proxy it takes (request, event).
  const guard = (await Promise.resolve(requireSignIn)) as unknown as (
    request: NextRequest,
    event: NextFetchEvent,
  ) => Promise<Response>;
  return guard(request, event);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
