"use server";

import { AuthError } from "next-auth";
import { getEnv, oidcConfig } from "@/lib/env";
import { OIDC_PROVIDER_ID, signIn, signOut, ThrottledSignIn } from "./auth";

export type SignInState = { error?: string; username?: string };

/** Only same-site paths: a callback URL must never send the user elsewhere. */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "/";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get("username") ?? "");
  try {
    await signIn("credentials", {
      username,
      password: String(form.get("password") ?? ""),
      redirectTo: safeCallback(form.get("callbackUrl")),
    });
  } catch (error) {
    if (error instanceof ThrottledSignIn) {
      return { username, error: "Too many failed attempts. Wait a minute, then try again." };
    }
    // One message for every failure, so nobody learns which usernames exist.
    if (error instanceof AuthError) return { username, error: "Wrong username or password." };
    throw error; // the redirect after success
  }
  return {};
}

/** Off to the identity provider; it sends the user back to /api/auth/callback/oidc. */
export async function signInWithOidcAction(form: FormData): Promise<void> {
  if (!oidcConfig(getEnv())) return;
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallback(form.get("callbackUrl")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
