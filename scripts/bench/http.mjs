// HTTP for the benchmark: keep-alive requests timed to the last byte, a
// signed-in session, and the statistics the tables print.
import { Agent, request as httpRequest } from "node:http";
import { performance } from "node:perf_hooks";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

/** One connection for sequential timing; a pool for concurrent load. */
export const sequentialAgent = new Agent({ keepAlive: true, maxSockets: 1 });
export const poolAgent = new Agent({ keepAlive: true, maxSockets: 64 });

function decode(wire, encoding) {
  if (encoding === "gzip") return gunzipSync(wire);
  if (encoding === "br") return brotliDecompressSync(wire);
  if (encoding === "deflate") return inflateSync(wire);
  return wire;
}

/**
 * One request as a browser or API client sends it (gzip accepted), timed to
 * the last byte: `{ status, ms, ttfb, wireBytes, body, location }`.
 */
export function call(url, options = {}) {
  return attempt(url, options).catch((error) => {
    // A kept-alive socket the server closed as it went idle (Node's 5 s
    // keepAliveTimeout): the request never reached it, so it is sent again,
    // as Node's documentation advises.
    // A body being written when it closed fails with EPIPE instead.
    if (error.reusedSocket && ["ECONNRESET", "EPIPE"].includes(error.code))
      return attempt(url, options);
    throw error;
  });
}

function attempt(url, { method = "GET", headers = {}, body, agent = sequentialAgent } = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = httpRequest(
      url,
      {
        method,
        agent,
        headers: {
          accept: "text/html,*/*",
          "accept-encoding": "gzip",
          ...(payload ? { "content-type": "application/json" } : {}),
          ...headers,
        },
      },
      (response) => {
        const ttfb = performance.now() - started;
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const wire = Buffer.concat(chunks);
          resolve({
            status: response.statusCode,
            location: response.headers.location,
            ttfb,
            ms: performance.now() - started,
            wireBytes: wire.length,
            body: decode(wire, response.headers["content-encoding"]),
          });
        });
      },
    );
    request.on("error", (error) =>
      reject(Object.assign(error, { reusedSocket: request.reusedSocket })),
    );
    request.end(payload);
  });
}

export async function json(url, options) {
  const response = await call(url, {
    ...options,
    headers: { accept: "application/json", ...options?.headers },
  });
  if (response.status >= 300)
    throw new Error(
      `${options?.method ?? "GET"} ${url} answered ${response.status}: ${response.body.toString().slice(0, 200)}`,
    );
  return JSON.parse(response.body.toString("utf8"));
}

/** Signs in as admin through Auth.js's credentials flow; the session cookie. */
export async function signIn(base, password) {
  const jar = new Map();
  const keep = (response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (!value || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = await csrf.json();
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, username: "admin", password, callbackUrl: "/" }),
  });
  keep(response);
  const session = jar.get("authjs.session-token");
  if (!session)
    throw new Error(`sign-in failed: ${response.status} → ${response.headers.get("location")}`);
  return `authjs.session-token=${session}`;
}

export const median = (sorted) =>
  sorted.length === 0
    ? NaN
    : sorted.length % 2
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
export const quantile = (sorted, q) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/**
 * Times `run` (one request) after `warmup` untimed runs, `runs` times, or
 * until `maxSeconds` passed (with at least 5 runs): median, p95, bytes.
 */
export async function timeRequests(run, { runs, warmup, maxSeconds = 120 }) {
  for (let i = 0; i < warmup; i++) await run();
  const times = [];
  const statuses = new Set();
  let last;
  const deadline = performance.now() + maxSeconds * 1000;
  for (let i = 0; i < runs && (i < 5 || performance.now() < deadline); i++) {
    last = await run();
    times.push(last.ms);
    statuses.add(last.status);
  }
  times.sort((a, b) => a - b);
  return {
    runs: times.length,
    median: median(times),
    p95: quantile(times, 0.95),
    bytes: last.body.length,
    wireBytes: last.wireBytes,
    statuses: [...statuses],
    ok: [...statuses].every((s) => s >= 200 && s < 300),
  };
}
