"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect } from "react";

const RETRY_MS = 30_000;

/**
 * When the present view cannot be rendered at all (no data has ever been
 * read): say so in the room's colours and retry by itself, since nobody may
 * be at the screen to press a button.
 */
export function PresentError({ digest, reset }: { digest?: string; reset: () => void }) {
  const router = useRouter();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  useEffect(() => {
    const timer = setTimeout(retry, RETRY_MS);
    return () => clearTimeout(timer);
  });
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 bg-slate-950 px-6 text-center text-slate-50 [color-scheme:dark]">
      <h1 className="text-4xl font-bold">The wave could not be loaded</h1>
      <p role="alert" className="max-w-2xl text-2xl text-slate-200">
        ops-hub could not read the board from Inter-Hub. It retries every {RETRY_MS / 1000} s.
        {digest ? ` (reference ${digest})` : null}
      </p>
      <button
        type="button"
        onClick={retry}
        className="rounded-xl border-2 border-slate-300 px-5 py-2 text-xl font-semibold hover:bg-slate-800"
      >
        Try again now
      </button>
    </main>
  );
}
