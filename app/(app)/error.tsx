"use client";

// Upstream failures land here with a safe message (typed Inter-Hub errors never
// carry a key); the digest links the page to the server log.
export default function SectionError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">This view could not be loaded</h1>
      <p className="mt-2 text-red-800">
        ops-hub could not read from Inter-Hub. Nothing was changed.{" "}
        {error.digest ? `(reference ${error.digest})` : null}
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-md bg-red-900 px-3 py-1.5 text-white"
      >
        Try again
      </button>
    </div>
  );
}
