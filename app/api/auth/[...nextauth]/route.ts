import type { NextRequest } from "next/server";
import { z } from "zod";
import { handlers, signInRetryAfterMs } from "@/lib/auth/auth";
import { atPublicOrigin } from "@/lib/security/public-origin";

/**
 * Auth.js at the public origin (never one a client's forwarding headers
 * name). The credentials sign-in is also reached as an API: a throttled
 * attempt there answers 429 with Retry-After instead of Auth.js's redirect
 * to the sign-in page.
 */
const CREDENTIALS_CALLBACK = "/api/auth/callback/credentials";

const credentialsBody = z.object({ username: z.string().trim().min(1).max(100) });

export const GET = (request: NextRequest) => handlers.GET(atPublicOrigin(request));

export async function POST(request: NextRequest) {
  if (request.nextUrl.pathname !== CREDENTIALS_CALLBACK)
    return handlers.POST(atPublicOrigin(request));
  const copy = request.clone();
  const response = await handlers.POST(atPublicOrigin(request));
  if (!(await isThrottled(response))) return response;
  const body = credentialsBody.safeParse(await readBody(copy));
  const seconds = Math.max(
    1,
    Math.ceil((body.success ? signInRetryAfterMs(body.data.username, request.headers) : 0) / 1000),
  );
  return Response.json(
    {
      error: "too_many_attempts",
      message: `Too many failed attempts. Try again in ${seconds} seconds.`,
    },
    { status: 429, headers: { "retry-after": String(seconds), "cache-control": "no-store" } },
  );
}

/**
 * Auth.js sends a throttled attempt (ThrottledSignIn) to the sign-in page with
 * `code=throttled`: as a redirect, or as `{ url }` for a client that asked
 * with X-Auth-Return-Redirect.
 */
async function isThrottled(response: Response): Promise<boolean> {
  let location = response.headers.get("location");
  if (!location && response.headers.get("content-type")?.includes("application/json")) {
    const body = z.object({ url: z.string() }).safeParse(
      await response
        .clone()
        .json()
        .catch(() => null),
    );
    location = body.success ? body.data.url : null;
  }
  if (!location) return false;
  const { searchParams } = new URL(location, "http://localhost");
  return (
    searchParams.get("error") === "CredentialsSignin" && searchParams.get("code") === "throttled"
  );
}

async function readBody(request: Request): Promise<unknown> {
  try {
    if (request.headers.get("content-type")?.includes("application/json"))
      return await request.json();
    return Object.fromEntries(await request.formData());
  } catch {
    return undefined;
  }
}
