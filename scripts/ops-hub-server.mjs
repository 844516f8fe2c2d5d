// The production server: Next.js's standalone build behind a plain Node HTTP
// server that hands the embedded Inter-Hub's API (/api/v2/…) straight to the
// hub. An API call through Next's routing, proxy and Web-stream plumbing costs
// a few milliseconds of CPU, several times the hub's own work; an ingesting
// probe or an API client pays it on every call. Everything else, and the API
// itself when a remote Inter-Hub is configured, goes to Next unchanged.
//
// Copied next to the standalone build's server.js (by scripts/build-if-needed.mjs
// and the Dockerfile) and run from there: `node ops-hub-server.mjs`.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
process.env.NODE_ENV = "production";
process.chdir(dir);

const port = Number.parseInt(process.env.PORT ?? "", 10) || 3000;
const hostname = process.env.HOSTNAME || "0.0.0.0";
// The configuration the build recorded, as the generated server.js passes it.
const { config } = JSON.parse(
  readFileSync(path.join(dir, ".next", "required-server-files.json"), "utf8"),
);
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);

const require = createRequire(import.meta.url);
const next = require("next");
const app = next({ dir, dev: false, hostname, port, conf: config });
// Runs instrumentation.ts too: the embedded hub starts and offers its handler.
await app.prepare();
const handleNext = app.getRequestHandler();

// Set by lib/embedded-hub/node-server.ts when this process runs the embedded hub.
const HUB_HANDLER = Symbol.for("ops-hub.embedded-hub.node-handler");
const API_PREFIX = "/api/v2";
const isHubPath = (url = "") =>
  url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`);

// Who connected, for the sign-in throttle and for deciding whether forwarding
// headers come from a trusted proxy (lib/security/client-address.ts): any
// copy a client sent is dropped, and the socket's peer put in its place. The
// flag tells the app that this server stamps every request, so it can ignore
// the header when something else serves it (e.g. `next dev`).
const CLIENT_ADDRESS = "x-ops-hub-client-address";
globalThis[Symbol.for("ops-hub.client-address-stamped")] = true;
function stampClientAddress(request) {
  delete request.headers[CLIENT_ADDRESS];
  const raw = request.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2)
    if (raw[i].toLowerCase() === CLIENT_ADDRESS) raw.splice(i, 2);
  const peer = request.socket.remoteAddress ?? "";
  request.headers[CLIENT_ADDRESS] = peer;
  raw.push(CLIENT_ADDRESS, peer);
}

// A Host header that no URL can hold ("a b", "x:99999", "a/b") is refused at
// the door: Next.js would build its URL from it and answer 500.
function validHost(host) {
  if (host === undefined) return true;
  if (!/^[^/?#@\\\s]+$/.test(host)) return false;
  try {
    new URL(`http://${host}`);
    return true;
  } catch {
    return false;
  }
}

const server = createServer((request, response) => {
  if (!validHost(request.headers.host)) {
    response.writeHead(400, { "content-type": "application/json" });
    response.end('{"error":"invalid_request","message":"Host: not a valid host"}');
    return;
  }
  stampClientAddress(request);
  const hub = globalThis[HUB_HANDLER];
  if (hub && isHubPath(request.url)) hub(request, response);
  else void handleNext(request, response);
});
const keepAlive = Number.parseInt(process.env.KEEP_ALIVE_TIMEOUT ?? "", 10);
if (keepAlive >= 0) server.keepAliveTimeout = keepAlive;
server.listen(port, hostname, () => {
  console.log(`▲ ops-hub on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => server.close(() => process.exit(0)).closeAllConnections());
