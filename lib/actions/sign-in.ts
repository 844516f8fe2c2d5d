"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { OIDC_PROVIDER_ID, signIn, signOut, ThrottledSignIn } from "@/lib/auth/auth";
import { getEnv, oidcConfig } from "@/lib/env";
import { IDLE, type FormState } from "./form-state";
import { failed, readForm } from "./kit";

/** Sign-in and sign-out: the only actions that need no session. */

/** Only same-site paths: a callback URL must never send the user elsewhere. */
function safeCallback(value: unknown): string {
  const path = typeof value === "string" ? value : "/";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

/** "30 seconds", "4 minutes": how long the throttle makes the user wait. */
function waitFor(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

const SignIn = z.object({
  username: z.string().max(200).default(""),
  password: z.string().max(1000).default(""),
  callbackUrl: z.string().optional(),
});

export async function signInAction(_previous: FormState, form: FormData): Promise<FormState> {
  const input = readForm(form, SignIn, { message: "Wrong username or password." });
  if (!input.ok) return input.state;
  const { username, password, callbackUrl } = input.data;
  try {
    await signIn("credentials", { username, password, redirectTo: safeCallback(callbackUrl) });
  } catch (error) {
    if (error instanceof ThrottledSignIn)
      return failed(
        form,
        `Too many failed attempts. Try again in ${waitFor(error.retryAfterSeconds)}.`,
      );
    // One message for every failure, so nobody learns which usernames exist.
    if (error instanceof AuthError) return failed(form, "Wrong username or password.");
    throw error; // the redirect after success
  }
  return IDLE;
}

/** Off to the identity provider; it sends the user back to /api/auth/callback/oidc. */
export async function signInWithOidcAction(form: FormData): Promise<void> {
  if (!oidcConfig(getEnv())) return;
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallback(form.get("callbackUrl")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
