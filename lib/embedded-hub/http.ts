import "server-only";
import type { z } from "zod";
import { idempotencyKeyHeader, noQuery } from "@/lib/interhub/wire";
import { clientAddress } from "@/lib/security/client-address";
import type { IpRange } from "@/lib/security/ip-ranges";
import { sha256 } from "@/lib/security/secret-hash";
import { assertBoundedMetadata, parseBody, readBoundedText, withoutNul } from "./bounded-input";
import { HubFault } from "./faults";
import { buildOpenApiDocument } from "./openapi";
import { routes, type Route } from "./routes";
import type { HubService } from "./service";

/**
 * The embedded hub's HTTP face, mounted at `/api/v2`: by the production
 * server directly (node-server.ts), by a catch-all route handler under
 * `next dev`, and called in process by the app's own Inter-Hub client, so all
 * see the very same answers.
 */
export const API_PREFIX = "/api/v2";

const compiled = routes.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`),
}));

/**
 * One request to the hub, whatever carried it: a `Request` (the app's own
 * client in process, Next's route handler) or Node's `IncomingMessage` (the
 * production server's direct path, `node-server.ts`).
 */
export type HubCall = {
  method: string;
  url: URL;
  header: (name: string) => string | null;
  /** The body, refused past MAX_BODY_BYTES whatever the headers say. */
  text: () => Promise<string>;
  /** The client's address (lib/security/client-address.ts); undefined in process. */
  address: string | undefined;
};

export type HubAnswer = { status: number; body: string | null; headers: Record<string, string> };

export type HubOptions = {
  /** Hears of every change that succeeded (its path, e.g. `/widgets`), to drop a read cache. */
  onWrite?: (path: string) => void;
  /** Fault injection for tests: every call answers 503 while it returns true. */
  failing?: () => boolean;
};

/** The hub's answer to one call: routing, keys, validation, idempotency. */
export function createHubAnswerer(service: HubService, options: HubOptions = {}) {
  let openApi: ReturnType<typeof buildOpenApiDocument> | undefined;

  return async function answer(call: HubCall): Promise<HubAnswer> {
    if (options.failing?.())
      return json(503, { error: "unavailable", message: "fault injected for a test" });
    const { pathname } = call.url;
    const path = pathname.startsWith(API_PREFIX)
      ? pathname.slice(API_PREFIX.length) || "/"
      : pathname;

    try {
      if (path === "/openapi.json" && call.method === "GET") {
        parseQuery(call.url, noQuery);
        openApi ??= buildOpenApiDocument();
        // The server a generated client calls: this hub, at the origin the document was asked from.
        const servers = [{ url: `${call.url.origin}${API_PREFIX}`, description: "This hub" }];
        return {
          status: 200,
          body: JSON.stringify({ ...openApi, servers }),
          headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
        };
      }

      const matches = compiled.filter(({ pattern }) => pattern.test(path));
      if (matches.length === 0)
        return json(404, { error: "not_found", message: `no such path: ${path}` });
      const match = matches.find(({ route }) => route.method === call.method);
      if (!match) {
        return json(
          405,
          { error: "method_not_allowed", message: `${call.method} is not allowed on ${path}` },
          { allow: matches.map(({ route }) => route.method).join(", ") },
        );
      }

      const params = match.pattern.exec(path)!.groups ?? {};
      const answer = await dispatch(service, match.route, params, call);
      if (call.method !== "GET" && path !== "/token" && answer.status < 300)
        options.onWrite?.(path);
      return answer;
    } catch (error) {
      if (error instanceof HubFault) return json(error.status, error.body, error.headers);
      // Unexpected: say nothing about internals; the server log has the stack.
      console.error("[embedded-hub]", call.method, path, error);
      return json(500, { error: "internal_error" });
    }
  };
}

export type HubAnswerer = ReturnType<typeof createHubAnswerer>;

/** The hub as a fetch-style handler: `Request` in, `Response` out. */
export function hubRequestHandler(
  answer: HubAnswerer,
  options: { trustedProxies?: readonly IpRange[] } = {},
) {
  return async function handleHubRequest(request: Request): Promise<Response> {
    const { status, body, headers } = await answer({
      method: request.method,
      url: new URL(request.url),
      header: (name) => request.headers.get(name),
      text: () => readBoundedText(request.body, request.headers.get("content-length")),
      address: clientAddress(request.headers, options.trustedProxies ?? []),
    });
    return new Response(body, { status, headers });
  };
}

export function createHubHandler(service: HubService, options: HubOptions = {}) {
  return hubRequestHandler(createHubAnswerer(service, options));
}

async function dispatch(
  service: HubService,
  route: Route<z.ZodType, z.ZodObject>,
  params: Record<string, string>,
  call: HubCall,
): Promise<HubAnswer> {
  const credential = bearerOf(call.header("authorization"));
  // Public routes read no principal (/token checks its key itself, once).
  const principal = route.public ? null : await service.authenticate(credential, call.address);
  if (!route.public && !principal) throw HubFault.unauthenticated();

  const query = parseQuery(call.url, route.query ?? noQuery);
  const { raw, bytes } =
    call.method === "POST" || call.method === "PATCH"
      ? await readBody(call, route)
      : { raw: undefined, bytes: 0 };
  let body: unknown = raw;
  assertBoundedMetadata(raw, bytes);
  if (route.request) {
    const parsed = route.request.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw HubFault.badRequest(`${issue.path.join(".") || "body"}: ${issue.message}`);
    }
    body = parsed.data;
  }

  const run = async (): Promise<HubAnswer> => {
    const result = await route.handle({
      service,
      principal,
      params: decode(params),
      query,
      body,
      credential,
      address: call.address,
    });
    return route.status === 204
      ? { status: 204, body: null, headers: {} }
      : json(route.status, result);
  };

  const idempotencyKey = call.header("idempotency-key");
  if (!route.idempotent || idempotencyKey === null || !principal) return run();
  const validKey = idempotencyKeyHeader.safeParse(idempotencyKey);
  if (!validKey.success) throw HubFault.badRequest(validKey.error.issues[0]!.message);

  const requestHash = sha256(`${call.method} ${call.url.pathname}\n${JSON.stringify(raw ?? null)}`);
  const { replay } = await service.beginIdempotent(
    principal.consumerId,
    idempotencyKey,
    requestHash,
  );
  if (replay) {
    return {
      status: replay.status,
      body: replay.body,
      headers: { "content-type": "application/json", "idempotent-replay": "true" },
    };
  }
  let answer: HubAnswer;
  try {
    answer = await run();
  } catch (error) {
    const status = error instanceof HubFault ? error.status : 500;
    await service.finishIdempotent(
      principal.consumerId,
      idempotencyKey,
      status,
      error instanceof HubFault ? JSON.stringify(error.body) : null,
    );
    throw error;
  }
  await service.finishIdempotent(principal.consumerId, idempotencyKey, answer.status, answer.body);
  return answer;
}

function bearerOf(header: string | null): string | undefined {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function parseQuery(url: URL, schema: z.ZodObject) {
  const values: Record<string, string> = {};
  for (const [name, value] of url.searchParams) values[name] = withoutNul(value, name);
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".");
  const message = issue.code === "unrecognized_keys" ? "unknown query parameter" : issue.message;
  throw HubFault.badRequest(`${name}: ${message}`);
}

async function readBody(
  call: HubCall,
  route: Route<z.ZodType, z.ZodObject>,
): Promise<{ raw: unknown; bytes: number }> {
  const text = await call.text();
  if (!text.trim()) return { raw: route.request ? {} : undefined, bytes: 0 };
  return { raw: parseBody(text), bytes: Buffer.byteLength(text) };
}

function decode(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        throw HubFault.badRequest(`path: malformed percent-encoding in "${value.slice(0, 100)}"`);
      }
      return [key, withoutNul(decoded, "path")];
    }),
  );
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): HubAnswer {
  return {
    status,
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  };
}
