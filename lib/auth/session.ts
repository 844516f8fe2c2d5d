import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./auth";
import { hasRole, type Role } from "@/lib/domain/roles";

/**
 * The signed-in user of this request, looked up once per render. The jwt
 * callback (lib/auth/auth.ts) reads the user's row on each session read, so
 * a disabled user gets null and the role is the current one.
 */
export const getSessionUser = cache(async () => (await auth())?.user ?? null);

/** The signed-in user, or a redirect to sign-in; with `role`, a 403 page for weaker roles. */
export async function requireUser(role?: Role) {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  if (role && !hasRole(user.role, role)) redirect("/forbidden");
  return user;
}
