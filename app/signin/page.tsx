import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { OidcSignInButton } from "@/components/auth/oidc-sign-in-button";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/auth/session";
import { getEnv, oidcConfig } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

/** Auth.js sends refusals and failures back here as ?error=<type>. */
function signInProblem(error: string | undefined, provider: string): string | undefined {
  if (!error) return undefined;
  if (error === "AccessDenied")
    return `Your ${provider} account has no access to ops-hub: it is in no group with an ops-hub role, or an admin disabled it.`;
  return `Signing in with ${provider} failed. Try again; if it keeps failing, ask an admin.`;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  if (await getSessionUser()) redirect("/");
  const oidc = oidcConfig(getEnv());
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to ops-hub</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          Operational truth for the CoulombCore → ThreePhoenix move.
        </p>
        {oidc ? (
          <>
            <OidcSignInButton providerName={oidc.displayName} callbackUrl={callbackUrl ?? "/"} />
            <p className="my-4 text-center text-sm text-slate-500">or with an ops-hub account</p>
          </>
        ) : null}
        <SignInForm
          callbackUrl={callbackUrl ?? "/"}
          notice={signInProblem(error, oidc?.displayName ?? "that provider")}
        />
      </div>
    </main>
  );
}
