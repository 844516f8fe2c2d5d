"use client";

import { useState } from "react";
import { revokeApiKeyAction } from "@/lib/actions/api-keys";

/** Revoking cuts off whoever holds the key, so it takes a second, deliberate click. */
export function RevokeApiKeyButton({
  consumerId,
  keyId,
  prefix,
}: {
  consumerId: string;
  keyId: string;
  prefix: string;
}) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="rounded-md border border-red-300 px-3 py-1 font-medium text-red-800 hover:bg-red-50"
      >
        Revoke<span className="sr-only"> key {prefix}</span>
      </button>
    );
  return (
    <form action={revokeApiKeyAction} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="consumerId" value={consumerId} />
      <input type="hidden" name="keyId" value={keyId} />
      <span role="alert" className="text-sm text-red-800">
        Revoke {prefix}…? Its holder loses access within a second.
      </span>
      <button
        type="submit"
        className="rounded-md bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800"
      >
        Confirm revoke<span className="sr-only"> key {prefix}</span>
      </button>
      <button
        type="button"
        onClick={() => setConfirming(false)}
        className="rounded-md border border-slate-300 px-3 py-1"
      >
        Cancel
      </button>
    </form>
  );
}
