import "server-only";
import { listQuery, listQueryWithMax, MAX_PER_PAGE } from "@/lib/interhub/wire";
import { sha256 } from "@/lib/security/secret-hash";
import { HubFault } from "./faults";
import { buildOpenApiDocument } from "./openapi";
import { routes, type Route } from "./routes";
import type { HubService } from "./service";

/**
 * The embedded hub's HTTP face: `Request` in, `Response` out. Mounted at
 * `/api/v2` by a catch-all route handler, and called in process by the app's
 * own Inter-Hub client, so both see the very same answers.
 */
export const API_PREFIX = "/api/v2";

const MAX_BODY_BYTES = 1024 * 1024;

const compiled = routes.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`),
}));

/** `onWrite` hears of every change that succeeded, e.g. to drop a read cache. */
export function createHubHandler(
  service: HubService,
  options: { onWrite?: () => void; failing?: () => boolean } = {},
) {
  let openApi: string | undefined;

  return async function handleHubRequest(request: Request): Promise<Response> {
    if (options.failing?.())
      return json(503, { error: "unavailable", message: "fault injected for a test" });
    const url = new URL(request.url);
    const path = url.pathname.startsWith(API_PREFIX)
      ? url.pathname.slice(API_PREFIX.length) || "/"
      : url.pathname;

    if (path === "/openapi.json" && request.method === "GET") {
      openApi ??= JSON.stringify(buildOpenApiDocument(API_PREFIX));
      return new Response(openApi, {
        headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
      });
    }

    const matches = compiled.filter(({ pattern }) => pattern.test(path));
    if (matches.length === 0)
      return json(404, { error: "not_found", message: `no such path: ${path}` });
    const match = matches.find(({ route }) => route.method === request.method);
    if (!match) {
      return json(
        405,
        { error: "method_not_allowed", message: `${request.method} is not allowed on ${path}` },
        {
          allow: matches.map(({ route }) => route.method).join(", "),
        },
      );
    }

    try {
      const params = match.pattern.exec(path)!.groups ?? {};
      const response = await dispatch(service, match.route, params, request, url);
      if (request.method !== "GET" && path !== "/token" && response.ok) options.onWrite?.();
      return response;
    } catch (error) {
      if (error instanceof HubFault) return json(error.status, error.body);
      // Unexpected: say nothing about internals; the server log has the stack.
      console.error("[embedded-hub]", request.method, path, error);
      return json(500, { error: "internal_error" });
    }
  };
}

async function dispatch(
  service: HubService,
  route: Route,
  params: Record<string, string>,
  request: Request,
  url: URL,
): Promise<Response> {
  const credential = bearerOf(request);
  const principal = await service.authenticate(credential);
  if (!route.public && !principal) throw HubFault.unauthenticated();

  const query = route.list
    ? parseQuery(url, route.maxPerPage ?? MAX_PER_PAGE)
    : listQuery.parse({});
  const raw =
    request.method === "POST" || request.method === "PATCH"
      ? await readBody(request, route)
      : undefined;
  let body: unknown = raw;
  if (route.request) {
    const parsed = route.request.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw HubFault.badRequest(`${issue.path.join(".") || "body"}: ${issue.message}`);
    }
    body = parsed.data;
  }

  const run = async () => {
    const result = await route.handle({
      service,
      principal,
      params: decode(params),
      query,
      body,
      credential,
    });
    return route.status === 204 ? new Response(null, { status: 204 }) : json(route.status, result);
  };

  const idempotencyKey = request.headers.get("idempotency-key");
  if (request.method !== "POST" || !idempotencyKey || !principal) return run();
  if (idempotencyKey.length > 200)
    throw HubFault.badRequest("Idempotency-Key: at most 200 characters");

  const requestHash = sha256(`${request.method} ${url.pathname}\n${JSON.stringify(raw ?? null)}`);
  const { replay } = await service.beginIdempotent(
    principal.consumerId,
    idempotencyKey,
    requestHash,
  );
  if (replay) {
    return new Response(replay.body, {
      status: replay.status,
      headers: { "content-type": "application/json", "idempotent-replay": "true" },
    });
  }
  let response: Response;
  try {
    response = await run();
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
  const text = await response.clone().text();
  await service.finishIdempotent(principal.consumerId, idempotencyKey, response.status, text);
  return response;
}

function bearerOf(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

const querySchemas = new Map<number, typeof listQuery>([[MAX_PER_PAGE, listQuery]]);

function parseQuery(url: URL, maxPerPage: number) {
  const values: Record<string, string> = {};
  for (const [name, value] of url.searchParams) values[name] = value;
  if (!querySchemas.has(maxPerPage)) querySchemas.set(maxPerPage, listQueryWithMax(maxPerPage));
  const parsed = querySchemas.get(maxPerPage)!.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.join(".");
  const message = issue.code === "unrecognized_keys" ? "unknown query parameter" : issue.message;
  throw HubFault.badRequest(`${name}: ${message}`);
}

async function readBody(request: Request, route: Route): Promise<unknown> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw HubFault.badRequest("body: larger than 1 MiB");
  if (!text.trim()) return route.request ? {} : undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw HubFault.badRequest("body: not valid JSON");
  }
}

function decode(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, decodeURIComponent(value)]),
  );
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}
