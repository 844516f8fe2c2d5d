import { z } from "zod";
import { errorFromResponse, InterHubError } from "./errors";
import {
  MAX_PER_PAGE,
  reshapeAnnotation,
  reshapeChangePage,
  reshapeEvent,
  reshapeHub,
  reshapeManifest,
  reshapeWidget,
  toSearchParams,
  wireAnnotation,
  wireApiConsumer,
  wireApiKey,
  wireChangePage,
  wireCreatedApiKey,
  wireError,
  wireHub,
  wireHubRegistryEntry,
  wireInteractionEvent,
  wireList,
  wireManifest,
  wireToken,
  wireVocabularyEntry,
  wireWidget,
  type AnnotationCreateRequest,
  type ApiConsumerCreateRequest,
  type ApiKeyCreateRequest,
  type HubCreateRequest,
  type InteractionEventCreateRequest,
  type AnnotationListParams,
  type EventListParams,
  type HubListParams,
  type HubRegistryParams,
  type LatestEventListParams,
  type ManifestListParams,
  type PageParams,
  type VocabularyListParams,
  type WidgetListParams,
  type ManifestCreateRequest,
  type WidgetCreateRequest,
  type WidgetUpdateRequest,
} from "./wire";
import type { Page, Widget } from "@/lib/domain/types";

/**
 * The Inter-Hub v2 HTTP client. It holds the static key, exchanges it at
 * `POST /token` for a short-lived Bearer token, and turns every answer into the
 * app's types or a typed `InterHubError`.
 *
 * It runs against a remote Inter-Hub with the global `fetch`, and against the
 * embedded hub with a `fetch` that hands the Request to the embedded handler in
 * process, so the app gets exactly the answers a remote client gets.
 */
export type InterHubClientOptions = {
  /** Base of the v2 API, e.g. `https://hub.example.org/api/v2`. */
  baseUrl: string;
  /** Returns the static key; read lazily so a rotated key file is picked up. */
  apiKey: () => string | Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Extra attempts for reads (and idempotent writes) after a transient fault. */
  retries?: number;
  retryDelayMs?: number;
  now?: () => number;
};

type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  query?: URLSearchParams;
  body?: unknown;
  idempotencyKey?: string;
  /** Label for error messages: what was asked, never how. */
  what: string;
};

/** Renew the token when less than this share of its lifetime is left. */
const RENEW_AT_REMAINING = 0.1;

export function createInterHubClient(options: InterHubClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const now = options.now ?? Date.now;

  let token: { value: string; renewAt: number } | undefined;
  // One exchange in flight at a time: concurrent callers share this promise.
  let exchange: Promise<string> | undefined;
  let exchangeCount = 0;

  async function send(path: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await doFetch(`${baseUrl}${path}`, {
        ...init,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
          ? `timed out after ${timeoutMs} ms`
          : "connection failed";
      throw new InterHubError("upstream_unavailable", `Inter-Hub unreachable: ${reason} (${what})`);
    }
  }

  async function readJson(response: Response): Promise<unknown> {
    const text = await response.text();
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  async function exchangeToken(): Promise<string> {
    exchangeCount += 1;
    const key = await options.apiKey();
    const response = await send(
      "/token",
      { method: "POST", headers: { authorization: `Bearer ${key}`, accept: "application/json" } },
      "token exchange",
    );
    const body = await readJson(response);
    if (!response.ok) throw errorFromResponse(response.status, body, "token exchange");
    const parsed = wireToken.safeParse(body);
    if (!parsed.success) throw invalidResponse("token exchange", parsed.error);
    const lifetimeMs = parsed.data.expires_in * 1000;
    token = {
      value: parsed.data.access_token,
      renewAt: now() + lifetimeMs * (1 - RENEW_AT_REMAINING),
    };
    return token.value;
  }

  async function bearer(): Promise<string> {
    if (token && now() < token.renewAt) return token.value;
    exchange ??= exchangeToken().finally(() => {
      exchange = undefined;
    });
    return exchange;
  }

  async function attempt(
    path: string,
    request: RequestOptions,
    retried401: boolean,
  ): Promise<unknown> {
    const headers: Record<string, string> = {
      accept: "application/json",
      authorization: `Bearer ${await bearer()}`,
    };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    if (request.idempotencyKey) headers["idempotency-key"] = request.idempotencyKey;
    const query = request.query?.toString();
    const response = await send(
      query ? `${path}?${query}` : path,
      {
        method: request.method ?? "GET",
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      },
      request.what,
    );
    if (response.status === 401 && !retried401) {
      // The token may have been revoked or expired early: exchange once more,
      // then give up, so a bad key never loops.
      token = undefined;
      return attempt(path, request, true);
    }
    const body = await readJson(response);
    if (!response.ok) {
      const error = errorFromResponse(
        response.status,
        wireError.safeParse(body).data ?? body,
        request.what,
      );
      const retryAfter = Number(response.headers.get("retry-after"));
      if (Number.isFinite(retryAfter) && retryAfter > 0)
        error.details.retryAfterSeconds = retryAfter;
      throw error;
    }
    return body;
  }

  async function request<T extends z.ZodType>(
    path: string,
    schema: T,
    req: RequestOptions,
  ): Promise<z.output<T>> {
    const retryable = (req.method ?? "GET") === "GET" || req.idempotencyKey !== undefined;
    for (let attemptNo = 0; ; attemptNo++) {
      try {
        const body = await attempt(path, req, false);
        const parsed = schema.safeParse(body);
        if (!parsed.success) throw invalidResponse(req.what, parsed.error);
        return parsed.data;
      } catch (error) {
        const transient = error instanceof InterHubError && error.transient;
        if (!transient || !retryable || attemptNo >= retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** attemptNo));
      }
    }
  }

  async function list<T extends z.ZodType, R>(
    path: string,
    item: T,
    reshape: (value: z.output<T>) => R,
    params: PageParams,
    what: string,
  ): Promise<Page<R>> {
    const body = await request(path, wireList(item), { query: toSearchParams(params), what });
    return {
      items: body.data.map((value) => reshape(value as z.output<T>)),
      page: body.meta.page,
      perPage: body.meta.per_page,
      total: body.meta.total,
    };
  }

  const same = <V>(value: V) => value;
  const enc = encodeURIComponent;

  return {
    /** How many token exchanges this client has made (for tests and /api/ready). */
    get tokenExchanges() {
      return exchangeCount;
    },

    listHubs: (params: HubListParams = {}) =>
      list("/hubs", wireHub, reshapeHub, params, "list hubs"),
    getHub: async (idOrSlug: string) =>
      reshapeHub(await request(`/hubs/${enc(idOrSlug)}`, wireHub, { what: `hub ${idOrSlug}` })),
    createHub: async (body: HubCreateRequest) =>
      reshapeHub(await request("/hubs", wireHub, { method: "POST", body, what: "create hub" })),

    listManifests: (params: ManifestListParams = {}) =>
      list("/hub-capability-manifests", wireManifest, reshapeManifest, params, "list manifests"),
    createManifest: async (body: ManifestCreateRequest) =>
      reshapeManifest(
        await request("/hub-capability-manifests", wireManifest, {
          method: "POST",
          body,
          what: "create manifest",
        }),
      ),
    activateManifest: async (id: string) =>
      reshapeManifest(
        await request(`/hub-capability-manifests/${enc(id)}/activate`, wireManifest, {
          method: "POST",
          what: "activate manifest",
        }),
      ),

    listWidgetTypes: (params: VocabularyListParams = {}) =>
      list("/widget-types", wireVocabularyEntry, same, params, "list widget types"),
    listEventTypes: (params: VocabularyListParams = {}) =>
      list("/event-types", wireVocabularyEntry, same, params, "list event types"),
    listAnnotationCategories: (params: VocabularyListParams = {}) =>
      list(
        "/annotation-categories",
        wireVocabularyEntry,
        same,
        params,
        "list annotation categories",
      ),
    listPolicyScopes: (params: VocabularyListParams = {}) =>
      list("/policy-scopes", wireVocabularyEntry, same, params, "list policy scopes"),

    listApiConsumers: (params: PageParams = {}) =>
      list("/api-consumers", wireApiConsumer, same, params, "list API consumers"),
    createApiConsumer: (body: ApiConsumerCreateRequest) =>
      request("/api-consumers", wireApiConsumer, {
        method: "POST",
        body,
        what: "create API consumer",
      }),
    listApiKeys: (consumerId: string, params: PageParams = {}) =>
      list(`/api-consumers/${enc(consumerId)}/keys`, wireApiKey, same, params, "list API keys"),
    createApiKey: (consumerId: string, body: ApiKeyCreateRequest) =>
      request(`/api-consumers/${enc(consumerId)}/keys`, wireCreatedApiKey, {
        method: "POST",
        body,
        what: "create API key",
      }),
    revokeApiKey: async (consumerId: string, keyId: string) => {
      await request(`/api-consumers/${enc(consumerId)}/keys/${enc(keyId)}`, nothing, {
        method: "DELETE",
        what: `revoke API key ${keyId}`,
      });
    },

    listHubRegistry: (params: HubRegistryParams = {}) =>
      list(
        "/hub-registry",
        wireHubRegistryEntry,
        reshapeRegistryEntry,
        params,
        "list hub registry",
      ),
    getHubRegistryEntry: async (hubIdOrSlug: string) =>
      reshapeRegistryEntry(
        await request(`/hub-registry/${enc(hubIdOrSlug)}`, wireHubRegistryEntry, {
          what: `hub registry ${hubIdOrSlug}`,
        }),
      ),

    listWidgets: (params: WidgetListParams = {}) =>
      list("/widgets", wireWidget, reshapeWidget, params, "list widgets"),
    getWidget: async (id: string) =>
      reshapeWidget(await request(`/widgets/${enc(id)}`, wireWidget, { what: `widget ${id}` })),
    createWidget: async (body: WidgetCreateRequest, idempotencyKey?: string) =>
      reshapeWidget(
        await request("/widgets", wireWidget, {
          method: "POST",
          body,
          idempotencyKey,
          what: "create widget",
        }),
      ),
    updateWidget: async (id: string, body: WidgetUpdateRequest) =>
      reshapeWidget(
        await request(`/widgets/${enc(id)}`, wireWidget, {
          method: "PATCH",
          body,
          what: `update widget ${id}`,
        }),
      ),
    deleteWidget: async (id: string) => {
      await request(`/widgets/${enc(id)}`, nothing, {
        method: "DELETE",
        what: `delete widget ${id}`,
      });
    },

    listEvents: (params: EventListParams = {}) =>
      list(
        "/interaction-events",
        wireInteractionEvent,
        reshapeEvent,
        params,
        "list interaction events",
      ),
    /** [ours] The latest event per widget and event type; pages of up to 20,000. */
    listLatestEvents: (params: LatestEventListParams = {}) =>
      list(
        "/interaction-events/latest",
        wireInteractionEvent,
        reshapeEvent,
        params,
        "list latest events",
      ),
    createEvent: async (body: InteractionEventCreateRequest, idempotencyKey?: string) =>
      reshapeEvent(
        await request("/interaction-events", wireInteractionEvent, {
          method: "POST",
          body,
          idempotencyKey,
          what: "record interaction event",
        }),
      ),

    /** [ours] A hub's widgets as they were at an instant (a page of them). */
    listWidgetsAsOf: async (
      hub: string,
      asOf: string,
      params: PageParams = {},
    ): Promise<Page<Widget>> => {
      const query = new URLSearchParams({ hub, as_of: asOf });
      if (params.page !== undefined) query.set("page", String(params.page));
      if (params.perPage !== undefined) query.set("per_page", String(params.perPage));
      const body = await request("/widget-versions", wireList(wireWidget), {
        query,
        what: `widgets of ${hub} as of ${asOf}`,
      });
      return {
        items: body.data.map((value) => reshapeWidget(value as z.output<typeof wireWidget>)),
        page: body.meta.page,
        perPage: body.meta.per_page,
        total: body.meta.total,
      };
    },

    /** [ours] One hub's changes after a cursor (from the oldest kept, without one). */
    listChanges: async (hub: string, options: { after?: string; perPage?: number } = {}) => {
      const query = new URLSearchParams({ hub });
      if (options.after !== undefined) query.set("after", options.after);
      if (options.perPage !== undefined) query.set("per_page", String(options.perPage));
      return reshapeChangePage(
        await request("/changes", wireChangePage, { query, what: `changes of ${hub}` }),
      );
    },

    listAnnotations: (params: AnnotationListParams = {}) =>
      list("/annotations", wireAnnotation, reshapeAnnotation, params, "list annotations"),
    createAnnotation: async (body: AnnotationCreateRequest, idempotencyKey?: string) =>
      reshapeAnnotation(
        await request("/annotations", wireAnnotation, {
          method: "POST",
          body,
          idempotencyKey,
          what: "record annotation",
        }),
      ),
  };
}

export type InterHubClient = ReturnType<typeof createInterHubClient>;

/**
 * Every item of a paginated list: the first page tells the total, the rest
 * are fetched a few at a time. Stops at `limit` items so a runaway estate
 * cannot exhaust memory.
 */
export async function listAll<T, Params extends PageParams>(
  fetchPage: (params?: Params) => Promise<Page<T>>,
  params: NoInfer<Params> = {} as Params,
  options: { perPage?: number; limit?: number; concurrency?: number } = {},
): Promise<T[]> {
  const { perPage = MAX_PER_PAGE, limit = 100_000, concurrency = 4 } = options;
  const first = await fetchPage({ ...params, page: 1, perPage });
  const pages = Math.ceil(Math.min(first.total, limit) / perPage);
  const rest: T[][] = [];
  for (let start = 2; start <= pages; start += concurrency) {
    const batch = Array.from(
      { length: Math.min(concurrency, pages - start + 1) },
      (_, i) => start + i,
    );
    rest.push(
      ...(await Promise.all(
        batch.map(async (page) => (await fetchPage({ ...params, page, perPage })).items),
      )),
    );
  }
  return [first.items, ...rest].flat().slice(0, limit);
}

// DELETE answers 204 with no body.
const nothing = z.unknown();

function reshapeRegistryEntry(entry: z.output<typeof wireHubRegistryEntry>) {
  return {
    hub: reshapeHub(entry.hub),
    manifest: entry.manifest ? reshapeManifest(entry.manifest) : null,
    counts: entry.counts,
  };
}

function invalidResponse(what: string, error: z.ZodError): InterHubError {
  const first = error.issues[0];
  const where = first ? `${first.path.join(".") || "body"}: ${first.message}` : "unexpected shape";
  return new InterHubError(
    "invalid_response",
    `Inter-Hub answered an unexpected shape for ${what} (${where})`,
  );
}
