import "server-only";
import { z } from "zod";
import {
  DEFAULT_PER_PAGE,
  MAX_METADATA_BYTES,
  MAX_METADATA_DEPTH,
  MAX_PER_PAGE,
  wireError,
} from "@/lib/interhub/wire";
import { MAX_BODY_BYTES, MAX_BODY_DEPTH } from "./bounded-input";
import { routes } from "./routes";

/**
 * The OpenAPI 3.1 document of the embedded hub, generated from the route table
 * and the zod wire schemas. A create request is documented by a schema of its
 * own (`WidgetCreateRequest`, …), not by the resource it creates: the hub, not
 * the client, assigns `id`, `createdAt` and `version`.
 */
type JsonSchema = Record<string, unknown>;

const LIST_PARAMETERS = [
  ["page", "integer", "Page number, from 1"],
  ["per_page", "integer", `Items per page, at most ${MAX_PER_PAGE} (default ${DEFAULT_PER_PAGE})`],
  ["sort", "string", "Field to sort by; prefix with - for descending"],
  ["q", "string", "Text search"],
  ["hub", "string", "Hub id or slug"],
  ["slug", "string", "Widget slug"],
  ["widget_type", "string", "Widget type"],
  ["widget_id", "string", "Widget id"],
  ["event_type", "string", "Event type"],
  ["category", "string", "Annotation category"],
  ["since", "string", "Created at or after (ISO 8601)"],
  ["until", "string", "Created before (ISO 8601)"],
] as const;

const ERROR_RESPONSES = {
  "400": "Malformed request; the message names the parameter or field",
  "401": 'No valid key or token: {"error": "invalid_api_key"}',
  "403": 'The key lacks the scope: {"error": "insufficient_scope"}',
  "404": "Not found",
  "409": "Conflict",
  "422":
    'Unknown vocabulary: {"error": "unknown_widget_type" | "unknown_event_type" | "unknown_annotation_category"}',
};

/** The bounds of a write, on every operation that takes a body. */
const BOUNDED_BODY_RESPONSES = {
  "400": `Malformed request; the message names the parameter or field. Also: a body nested deeper than ${MAX_BODY_DEPTH} levels, or metadata deeper than ${MAX_METADATA_DEPTH}`,
  "413": `{"error": "payload_too_large"}: a body over ${MAX_BODY_BYTES / 1024 / 1024} MiB (whatever Content-Length says), or metadata over ${MAX_METADATA_BYTES / 1024} KiB serialized; the message names the limit`,
};

const TOKEN_RESPONSES = {
  "429": '{"error": "rate_limited"}: too many failed key checks from this address; see Retry-After',
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

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const queryParameters = route.query
      ? Object.entries(route.query.shape).map(([name, schema]) => ({
          name,
          in: "query",
          required: !(schema as z.ZodType).safeParse(undefined).success,
          schema: toSchema(schema as z.ZodType, "input"),
        }))
      : route.list
        ? LIST_PARAMETERS.map(([name, type, description]) => ({
            name,
            in: "query",
            required: false,
            description,
            schema: { type },
          }))
        : [];
    const errors = Object.fromEntries(
      Object.entries({
        ...ERROR_RESPONSES,
        ...(route.request ? BOUNDED_BODY_RESPONSES : {}),
        ...(route.path === "/token" ? TOKEN_RESPONSES : {}),
      })
        .filter(
          ([status]) =>
            !(route.public && (status === "403" || (status === "401" && route.path !== "/token"))),
        )
        .map(([status, description]) => [
          status,
          {
            description,
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
        ]),
    );
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: operationId(route.method, route.path),
      summary: route.summary,
      ...(route.extension ? { "x-ops-hub-extension": true } : {}),
      security: route.public ? [] : [{ BearerAuth: [] }],
      parameters: [
        ...pathParameters,
        ...queryParameters,
        ...(route.method === "POST" && route.request
          ? [
              {
                name: "Idempotency-Key",
                in: "header",
                required: false,
                description: "Replays the first answer for a repeated request",
                schema: { type: "string" },
              },
            ]
          : []),
      ],
      ...(route.request
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toSchema(route.request, "input") } },
            },
          }
        : {}),
      responses: {
        [String(route.status)]: route.response
          ? {
              description: "OK",
              content: { "application/json": { schema: toSchema(route.response, "output") } },
            }
          : { description: "No content" },
        ...errors,
      },
    };
  }
  toSchema(wireError, "output");

  return {
    openapi: "3.1.0",
    info: {
      title: "Inter-Hub v2 (ops-hub embedded hub)",
      version: "2.0.0",
      description: "The Inter-Hub v2 contract as ops-hub implements it for its embedded hub.",
    },
    servers: [{ url: serverUrl }],
    paths: {
      "/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          security: [],
          responses: { "200": { description: "OK" } },
        },
      },
      ...paths,
    },
    components: {
      schemas: components,
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
