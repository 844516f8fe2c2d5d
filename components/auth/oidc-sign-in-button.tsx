import { signInWithOidcAction } from "@/lib/actions/sign-in";

/** A plain form: it works before the page's scripts load, and posts to this server only. */
export function OidcSignInButton({
  providerName,
  callbackUrl,
}: {
  providerName: string;
  callbackUrl: string;
}) {
  return (
    <form action={signInWithOidcAction}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <button
        type="submit"
        className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100"
      >
        Sign in with {providerName}
      </button>
    </form>
  );
}
