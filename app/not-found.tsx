import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered per request, never prerendered: its scripts need the request's CSP nonce.
  await connection();
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">Nothing in ops-hub answers to this address.</p>
      <Link href="/" className="mt-6 inline-block text-sky-700 underline">
        Back to the environments
      </Link>
    </main>
  );
}
