import "server-only";
import { z } from "zod";
import * as wire from "@/lib/interhub/wire";
import { MAX_METADATA_BYTES, MAX_METADATA_DEPTH } from "@/lib/interhub/wire";
import { MAX_BODY_BYTES, MAX_BODY_DEPTH } from "./bounded-input";
import { routes, type Route } from "./routes";

/**
 * The OpenAPI 3.1 document of the embedded hub, generated from the route table
 * and the zod schemas the hub validates with, so a constraint in the code is
 * one in the document: each operation's own query parameters, body, answer
 * and error codes. A create request is documented by a schema of its own
 * (`WidgetCreateRequest`, …), not by the resource it creates: the hub, not
 * the client, assigns `id`, `createdAt` and `version`.
 */
type JsonSchema = Record<string, unknown>;

const VOCABULARY_TAG = {
  name: "Vocabulary",
  description: "The names the active manifests registered, each held by one hub",
};

/** Operations by their path's first segment. */
const WIDGETS_TAG = {
  name: "Widgets",
  description: "The items of a hub, versioned on every change",
};

const TAGS: Record<string, { name: string; description: string }> = {
  token: { name: "Access", description: "Static API keys exchanged for short-lived tokens" },
  hubs: { name: "Hubs", description: "The hubs of this Inter-Hub; listing them is public" },
  "hub-capability-manifests": {
    name: "Manifests",
    description: "What a hub may hold: its widget types, event types, categories and scopes",
  },
  "widget-types": VOCABULARY_TAG,
  "event-types": VOCABULARY_TAG,
  "annotation-categories": VOCABULARY_TAG,
  "policy-scopes": VOCABULARY_TAG,
  "api-consumers": { name: "API consumers", description: "Who calls the API, and their keys" },
  "hub-registry": { name: "Registry", description: "Each hub with its manifest and counts" },
  widgets: WIDGETS_TAG,
  "widget-versions": WIDGETS_TAG,
  "interaction-events": {
    name: "Interaction events",
    description: "What happened to a widget: probes, verdicts, decisions",
  },
  annotations: { name: "Annotations", description: "Notes on widgets" },
  changes: { name: "Change feed", description: "[ours] One hub's changes, in order" },
  "openapi.json": { name: "Document", description: "This OpenAPI document" },
};

/** A route's error codes by status: those every route of its kind answers, and its own. */
function errorsOf(route: Route<z.ZodType, z.ZodObject>): Record<string, string[]> {
  const errors: Record<string, string[]> = { 400: ["invalid_request"] };
  if (!route.public) {
    errors[401] = ["invalid_api_key"];
    errors[403] = ["insufficient_scope"];
  }
  if (route.idempotent) {
    errors[409] = ["idempotency_in_progress"];
    errors[422] = ["idempotency_key_reused"];
  }
  if (route.request) errors[413] = ["payload_too_large"];
  // Key checks are throttled per address: /token, and every route a key opens.
  if (!route.public || route.path === "/token") errors[429] = ["rate_limited"];
  for (const [status, codes] of Object.entries(route.errors ?? {}))
    errors[status] = [...(errors[status] ?? []), ...codes];
  return errors;
}

const ERROR_DESCRIPTIONS: Record<string, string> = {
  "400": `Malformed request; the message names the parameter or field. Also: a body nested deeper than ${MAX_BODY_DEPTH} levels, or metadata deeper than ${MAX_METADATA_DEPTH}`,
  "401": "No valid key or token",
  "403": "The key lacks the scope",
  "404": "Not found; the message names what",
  "409":
    "Conflict with the hub's state, or with a request still running under the same Idempotency-Key",
  "410": "Gone: the cursor is older than the feed keeps",
  "413": `A body over ${MAX_BODY_BYTES / 1024 / 1024} MiB (whatever Content-Length says), or metadata over ${MAX_METADATA_BYTES / 1024} KiB serialized; the message names the limit`,
  "422":
    "Refused: a name the hub's manifest does not declare, or an Idempotency-Key used before for another request",
  "429": "Too many failed key checks from this address; see Retry-After",
};

export function buildOpenApiDocument(serverUrl = "/api/v2") {
  const components: Record<string, JsonSchema> = {};

  // Converts a zod schema and files its named parts under components.schemas.
  const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const converted = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      unrepresentable: "any",
    }) as JsonSchema;
    const rewritten = JSON.parse(
      JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/'),
    ) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const { $defs = {}, ...rest } = rewritten;
    delete rest.$schema;
    Object.assign(components, $defs);
    return rest;
  };
  const json = (schema: JsonSchema) => ({ "application/json": { schema } });
  const replayHeader = { "idempotent-replay": { $ref: "#/components/headers/IdempotentReplay" } };
  const errorResponse = (status: string, codes: string[], headers?: typeof replayHeader) => ({
    description: ERROR_DESCRIPTIONS[status],
    ...(headers ? { headers } : {}),
    content: json(toSchema(wire.wireError.extend({ error: z.enum(codes) }), "output")),
  });

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as Route<z.ZodType, z.ZodObject>[]) {
    const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: "path",
      required: true,
      schema: { type: "string", minLength: 1 },
    }));
    // A query parameter's schema is the value the hub reads (an integer, a
    // date-time), as OpenAPI describes parameters; the text form is implied.
    const queryParameters = Object.entries(route.query?.shape ?? {}).map(([name, schema]) => {
      const { description, ...parameterSchema } = toSchema(schema as z.ZodType, "output");
      return {
        name,
        in: "query",
        required: !(schema as z.ZodType).safeParse(undefined).success,
        ...(description ? { description } : {}),
        schema: parameterSchema,
      };
    });
    // Any answer but a refused key may be a replay of a stored one.
    const replay = route.idempotent ? { headers: replayHeader } : {};
    const errors = Object.fromEntries(
      Object.entries(errorsOf(route)).map(([status, codes]) => [
        status,
        errorResponse(
          status,
          codes,
          route.idempotent && status !== "401" ? replayHeader : undefined,
        ),
      ]),
    );
    const segment = route.path.split("/")[1]!;
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: operationId(route.method, route.path),
      summary: route.summary,
      tags: [TAGS[segment]!.name],
      ...(route.extension ? { "x-ops-hub-extension": true } : {}),
      // The key may come as a Bearer credential, or (POST /token) in the body.
      security: route.public ? [{}, { BearerAuth: [] }] : [{ BearerAuth: [] }],
      parameters: [
        ...pathParameters,
        ...queryParameters,
        ...(route.idempotent ? [{ $ref: "#/components/parameters/IdempotencyKey" }] : []),
      ],
      ...(route.request
        ? {
            requestBody: {
              // An empty body is read as `{}`: required only when `{}` is not enough.
              required: !route.request.safeParse({}).success,
              content: json(toSchema(route.request, "input")),
            },
          }
        : {}),
      responses: {
        [String(route.status)]: route.response
          ? { description: "OK", ...replay, content: json(toSchema(route.response, "output")) }
          : { description: "No content", ...replay },
        ...errors,
      },
    };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "Inter-Hub v2 (ops-hub embedded hub)",
      version: "2.0.0",
      summary: "The Inter-Hub v2 contract as ops-hub's embedded hub implements it",
      description:
        "Hubs, their capability manifests and vocabulary, API consumers and keys, widgets, interaction events and annotations. Operations marked `x-ops-hub-extension` are ops-hub's own, not Inter-Hub v2's.",
    },
    servers: [{ url: serverUrl, description: "This hub" }],
    tags: [...new Map(Object.values(TAGS).map((tag) => [tag.name, tag])).values()],
    paths: {
      "/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          tags: [TAGS["openapi.json"]!.name],
          security: [],
          responses: {
            "200": {
              description: "OK",
              content: json(toSchema(wire.wireOpenApiDocument, "output")),
            },
            "400": errorResponse("400", ["invalid_request"]),
          },
        },
      },
      ...paths,
    },
    components: {
      schemas: components,
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description:
            "A name for this write: a repeated request with the same key and body hears the first answer, and nothing is written twice",
          schema: toSchema(wire.idempotencyKeyHeader, "input"),
        },
      },
      headers: {
        IdempotentReplay: {
          description:
            "`true` when this is the stored answer to an earlier request with the same Idempotency-Key: nothing was written this time",
          schema: { type: "string", enum: ["true"] },
        },
      },
      securitySchemes: {
        BearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "A token from POST /token, or a static API key",
        },
      },
    },
  };
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(/\{(\w+)\}/g, "by-$1")
    .split(/[/-]/)
    .filter(Boolean)
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)));
  return `${method.toLowerCase()}${words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("")}`;
}
