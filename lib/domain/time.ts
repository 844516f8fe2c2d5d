export const DAY_MS = 86_400_000;

/** An instant as people read it in ops-hub: "2026-11-29 10:04 UTC". */
export function utcMinute(at: string | Date): string {
  const iso = typeof at === "string" ? at : at.toISOString();
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
