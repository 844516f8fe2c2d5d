import { DAY_MS } from "@/lib/domain/time";
/** Small, pure formatting for the present mode: the same text on the server and in the browser. */

/** "14:03:27 UTC" */
export function clockUtc(iso: string | number): string {
  return `${new Date(iso).toISOString().slice(11, 19)} UTC`;
}

/** "2026-12-11" */
export function dayUtc(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** An expiry countdown in whole days, from the data's own `now`. */
export function countdown(expiresAt: string, now: string): string {
  const ms = Date.parse(expiresAt) - Date.parse(now);
  if (ms <= 0) return "expired";
  if (ms < DAY_MS) return "expires within a day";
  const days = Math.ceil(ms / DAY_MS);
  return days === 1 ? "1 day left" : `${days} days left`;
}

/** The 0-based gate index for a `?gate=N` (1-based) value, clamped to the gates there are. */
export function gateIndex(param: string | string[] | undefined, count: number): number {
  const raw = Array.isArray(param) ? param[0] : param;
  const n = Number.parseInt(raw ?? "", 10);
  if (!Number.isFinite(n) || count === 0) return 0;
  return Math.min(Math.max(n, 1), count) - 1;
}
