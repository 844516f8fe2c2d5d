/** A write refused by a unique index, in either store's words. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === "23505" || // PostgreSQL
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    (typeof message === "string" && /UNIQUE constraint failed/.test(message))
  );
}
