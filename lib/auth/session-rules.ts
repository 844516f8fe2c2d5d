/** Sessions last 8 hours from sign-in, however busy. */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;

/**
 * Whether a session of an enabled user is over, from when it began (ms) and
 * what the database says now: too old, signed out, or begun before a password
 * reset cut off every session the user had.
 */
export function sessionIsOver(
  authTime: number,
  standing: { ended: boolean; sessionsSince: string | null },
  now: number,
): boolean {
  if (now - authTime > SESSION_MAX_AGE_S * 1000) return true;
  if (standing.ended) return true;
  return standing.sessionsSince !== null && authTime < Date.parse(standing.sessionsSince);
}
