import Link from "next/link";

/** What a page that does not exist says, inside the app's frame or on its own. */
export function NotFoundMessage() {
  return (
    <div className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">Nothing in ops-hub answers to this address.</p>
      <Link href="/" className="mt-6 inline-block text-sky-700 underline">
        Back to the overview
      </Link>
    </div>
  );
}
