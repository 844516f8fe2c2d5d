"use client";

import { useState } from "react";

/** Copies a text to the clipboard and says so; falls back to selecting it where the clipboard API is missing (plain http). */
export function CopyButton({
  text,
  label = "Copy",
  className,
}: {
  text: string;
  label?: string;
  className?: string;
}) {
  const [done, setDone] = useState<"copied" | "failed" | undefined>();
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setDone("copied");
    } catch {
      setDone("failed");
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        className={
          className ??
          "rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100"
        }
      >
        {label}
      </button>
      <span role="status" className="text-sm">
        {done === "copied"
          ? "Copied."
          : done === "failed"
            ? "Copy failed: select the text and copy it."
            : ""}
      </span>
    </span>
  );
}
