/**
 * Typed Inter-Hub failures. Messages are safe to show to a user or log: they
 * never carry a key, a token or a request header.
 */
export type InterHubErrorCode =
  | "invalid_api_key"
  | "insufficient_scope"
  | "unknown_vocabulary"
  | "not_found"
  | "conflict"
  | "cursor_expired"
  | "bad_request"
  | "rate_limited"
  | "upstream_unavailable"
  | "invalid_response";

/**
 * The brand of an InterHubError, shared by every copy of this module: Next
 * bundles the instrumentation hook (start-up) and the routes apart, each with
 * its own class, while the Inter-Hub client they share is one per process.
 * An error made in one bundle must still be an InterHubError in the other.
 */
const BRAND = Symbol.for("ops-hub.InterHubError");

export class InterHubError extends Error {
  readonly [BRAND] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && BRAND in value;
  }

  constructor(
    readonly code: InterHubErrorCode,
    message: string,
    readonly details: {
      status?: number;
      /** The wire error, e.g. `unknown_widget_type`. */
      wireError?: string;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = "InterHubError";
  }

  /** A fault that may pass by itself: a retry, or an outbox, is the answer. */
  get transient(): boolean {
    return this.code === "upstream_unavailable" || this.code === "rate_limited";
  }
}

const UNKNOWN_VOCABULARY = /^unknown_(widget_type|event_type|annotation_category|policy_scope)$/;

/** Maps an Inter-Hub error answer to a typed error. */
export function errorFromResponse(status: number, body: unknown, what: string): InterHubError {
  const wireError =
    typeof body === "object" && body !== null && "error" in body && typeof body.error === "string"
      ? body.error
      : undefined;
  const upstreamMessage =
    typeof body === "object" &&
    body !== null &&
    "message" in body &&
    typeof body.message === "string"
      ? body.message
      : undefined;
  const details = { status, wireError };
  if (status === 401)
    return new InterHubError(
      "invalid_api_key",
      `Inter-Hub rejected the API key (${what})`,
      details,
    );
  if (status === 403)
    return new InterHubError(
      "insufficient_scope",
      `The API key lacks the scope for ${what}`,
      details,
    );
  if (status === 404) return new InterHubError("not_found", `Not found: ${what}`, details);
  if (status === 409)
    return new InterHubError("conflict", upstreamMessage ?? `Conflict: ${what}`, details);
  if (status === 410 && wireError === "cursor_expired")
    return new InterHubError(
      "cursor_expired",
      upstreamMessage ?? `The change feed no longer holds this cursor (${what})`,
      details,
    );
  if (status === 422 && wireError && UNKNOWN_VOCABULARY.test(wireError)) {
    return new InterHubError(
      "unknown_vocabulary",
      `Inter-Hub does not know this vocabulary (${wireError})`,
      details,
    );
  }
  if (status === 429)
    return new InterHubError("rate_limited", `Inter-Hub rate limit reached (${what})`, details);
  if (status >= 500)
    return new InterHubError(
      "upstream_unavailable",
      `Inter-Hub answered ${status} (${what})`,
      details,
    );
  return new InterHubError(
    "bad_request",
    upstreamMessage ?? wireError ?? `Inter-Hub refused ${what} (${status})`,
    details,
  );
}
