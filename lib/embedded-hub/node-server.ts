import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { contentSecurityPolicy, createNonce, securityHeaders } from "@/lib/security/headers";
import { clientAddress } from "@/lib/security/client-address";
import type { IpRange } from "@/lib/security/ip-ranges";
import { publicOrigin, servedOverHttps } from "@/lib/security/public-origin";
import { bodyTooLarge, MAX_BODY_BYTES } from "./bounded-input";
import type { HubAnswerer } from "./http";

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
export function offerNodeHandler(answer: HubAnswerer, trustedProxies: readonly IpRange[]): void {
  const handler: NodeHubHandler = (request, response) => {
    void serve(answer, trustedProxies, request, response);
  };
  (globalThis as Record<symbol, unknown>)[NODE_HANDLER] = handler;
}

async function serve(
  answer: HubAnswerer,
  trustedProxies: readonly IpRange[],
  request: IncomingMessage,
  response: ServerResponse,
) {
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
      address: clientAddress({ get: header }, trustedProxies),
    });
    response.writeHead(result.status, { ...headers, ...result.headers });
    response.end(result.body ?? undefined);
    if (!request.complete) discardRest(request);
  } catch (error) {
    console.error("[embedded-hub]", request.method, request.url, error);
    if (!response.headersSent)
      response.writeHead(500, { ...headers, "content-type": "application/json" });
    response.end(JSON.stringify({ error: "internal_error" }));
  }
}

/**
 * The rest of a body the hub refused, read and dropped for a moment so the
 * client, still sending, gets the answer instead of a connection reset; a
 * client that keeps sending past that loses the connection.
 */
const DISCARD_MS = 2_000;

function discardRest(request: IncomingMessage) {
  const timer = setTimeout(() => request.socket.destroy(), DISCARD_MS);
  request.once("end", () => clearTimeout(timer));
  request.resume();
}

/**
 * The body as text, refused past the hub's limit whatever Content-Length
 * says (a chunked body has none): nothing past it is kept.
 */
function readText(request: IncomingMessage): Promise<string> {
  if (Number(request.headers["content-length"]) > MAX_BODY_BYTES)
    return Promise.reject(bodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.off("data", onData);
        chunks.length = 0;
        reject(bodyTooLarge());
      } else chunks.push(chunk);
    };
    request.on("data", onData);
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
