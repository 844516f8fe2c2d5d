"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { listenForChanges } from "./change-stream";

/** Renders the page again on the server when the hub changes: a server-rendered view kept live. */
export function RefreshOnChange({ stream = "/api/live" }: { stream?: string }) {
  const router = useRouter();
  useEffect(
    () => listenForChanges(stream, { change: () => router.refresh(), push: () => {} }),
    [stream, router],
  );
  return null;
}
