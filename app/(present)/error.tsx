"use client";

import { PresentError } from "@/components/present/present-error";

export default function PresentSectionError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <PresentError digest={error.digest} reset={reset} />;
}
