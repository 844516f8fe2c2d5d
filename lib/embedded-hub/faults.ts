/**
 * An answer the embedded hub gives on purpose, with the exact error bodies of
 * the Inter-Hub v2 contract (`{"error": "invalid_api_key"}` and friends), so a
 * client handles the embedded hub and a remote Inter-Hub alike.
 */
export class HubFault extends Error {
  constructor(
    readonly status: number,
    readonly body: { error: string; message?: string },
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message ?? body.error);
    this.name = "HubFault";
  }

  static unauthenticated = () => new HubFault(401, { error: "invalid_api_key" });
  static forbidden = () => new HubFault(403, { error: "insufficient_scope" });
  static notFound = (what: string) =>
    new HubFault(404, { error: "not_found", message: `${what} does not exist` });
  static badRequest = (message: string) => new HubFault(400, { error: "invalid_request", message });
  static conflict = (error: string, message: string) => new HubFault(409, { error, message });
  static unknownVocabulary = (error: `unknown_${string}`) => new HubFault(422, { error });
  static gone = (error: string, message: string) => new HubFault(410, { error, message });
  static unprocessable = (error: string, message: string) => new HubFault(422, { error, message });
  static payloadTooLarge = (message: string) =>
    new HubFault(413, { error: "payload_too_large", message });
  static tooManyRequests = (retryAfterSeconds: number) =>
    new HubFault(
      429,
      {
        error: "rate_limited",
        message: `too many failed key checks; retry in ${retryAfterSeconds} s`,
      },
      { "retry-after": String(retryAfterSeconds) },
    );
}
