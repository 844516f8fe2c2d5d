import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { contentSecurityPolicy, createNonce, securityHeaders } from "@/lib/security/headers";
import { publicOrigin, servedOverHttps } from "@/lib/security/public-origin";
import { HubFault } from "./faults";
import { MAX_BODY_BYTES, type HubAnswerer } from "./http";

/**
 * The hub's API straight on Node's HTTP server, for the production server
 * (scripts/ops-hub-server.mjs): an API client's call skips Next's routing,
 * proxy and Web-stream plumbing, which cost more than the hub's own work.
 * It answers exactly what the route handler would, with the same security
 * headers proxy.ts puts on every other response.
 */
const NODE_HANDLER = Symbol.for("ops-hub.embedded-hub.node-handler");

type NodeHubHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Offers the handler to the production server, which looks it up under NODE_HANDLER. */
export function offerNodeHandler(answer: HubAnswerer): void {
  const handler: NodeHubHandler = (request, response) => {
    void serve(answer, request, response);
  };
  (globalThis as Record<symbol, unknown>)[NODE_HANDLER] = handler;
}

async function serve(answer: HubAnswerer, request: IncomingMessage, response: ServerResponse) {
  const header = (name: string) => {
    const value = request.headers[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  };
  const https = servedOverHttps({ get: header });
  const headers: Record<string, string> = Object.fromEntries(
    securityHeaders(contentSecurityPolicy({ nonce: createNonce(), https }), { https }),
  );
  try {
    const result = await answer({
      method: request.method ?? "GET",
      // The origin the client addressed (OPS_HUB_PUBLIC_URL, a trusted proxy's
      // forwarded Host): the OpenAPI document names it as its server.
      url: new URL(request.url ?? "/", publicOrigin({ get: header }) ?? "http://localhost"),
      header,
      text: () => readText(request),
    });
    response.writeHead(result.status, { ...headers, ...result.headers });
    response.end(result.body ?? undefined);
  } catch (error) {
    console.error("[embedded-hub]", request.method, request.url, error);
    if (!response.headersSent)
      response.writeHead(500, { ...headers, "content-type": "application/json" });
    response.end(JSON.stringify({ error: "internal_error" }));
  }
}

/** The body as text; past the hub's limit it is drained, not kept, and refused. */
function readText(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => {
      if (size > MAX_BODY_BYTES) reject(HubFault.badRequest("body: larger than 1 MiB"));
      else resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.on("error", reject);
  });
}
