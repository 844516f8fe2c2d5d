"use client";

import { PresentError } from "@/components/present/present-error";

export default function ScreenError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <PresentError digest={error.digest} reset={reset} />;
}
