import http from "node:http";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import type { Observation, ProbeErrorKind, ProbeSpec } from "@/lib/domain/probe-spec";
import { DAY_MS } from "@/lib/domain/time";
import {
  checkLiteralAddress,
  guardedLookup,
  hostAllowed,
  NOTHING_ALLOWED,
  type ProbeAllowList,
  type Resolver,
} from "./address-guard";

/**
 * Observes one URL: a single request (redirects are not followed, so a
 * redirect is an answer like any other), its status, headers, latency, the
 * start of its body when the spec looks at it, and the TLS certificate's
 * expiry. Certificates are verified as any client would (`ca` adds trusted
 * roots, e.g. an internal CA); an untrusted one is an observation, not a
 * crash. Only http: and https: URLs, and only addresses the allow list
 * opens (see address-guard.ts): a denied target is an observation too.
 * Never throws: every failure comes back as `error`.
 */
export type ObserveOptions = {
  /** Extra trusted CA certificates (PEM). */
  ca?: string | Buffer | (string | Buffer)[];
  /** What probes may reach beyond public addresses (OPS_HUB_PROBE_ALLOW); nothing by default. */
  allow?: ProbeAllowList;
  /** Name resolution; tests stand in their own. */
  resolve?: Resolver;
  now?: () => Date;
};

const MAX_BODY_BYTES = 64 * 1024;

export function observe(
  url: string,
  spec: Pick<ProbeSpec, "method" | "timeoutMs" | "bodyContains" | "bodyMatches">,
  options: ObserveOptions = {},
): Promise<Observation> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const wantsBody = !!(spec.bodyContains || spec.bodyMatches) && spec.method !== "HEAD";

  const checked = checkTarget(url, options.allow ?? NOTHING_ALLOWED);
  if ("error" in checked)
    return Promise.resolve({ url, startedAt, latencyMs: 0, headers: {}, error: checked.error });
  const { target, lookup } = checked;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (observation: Omit<Observation, "url" | "startedAt">) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ url, startedAt, ...observation });
    };

    const secure = target.protocol === "https:";
    const request = (secure ? https : http).request(target, {
      method: spec.method,
      headers: { "user-agent": "ops-hub-probe", accept: "*/*" },
      // A fresh connection per probe: a pooled one would hide a broken handshake.
      agent: false,
      ...(lookup === "system" ? {} : { lookup: guardedLookup(lookup.allow, options.resolve) }),
      ...(secure && options.ca ? { ca: options.ca } : {}),
    });
    const deadline = setTimeout(() => {
      const error = new Error(`no answer within ${spec.timeoutMs} ms`);
      (error as NodeJS.ErrnoException).code = "PROBE_TIMEOUT";
      request.destroy(error);
    }, spec.timeoutMs);

    request.on("response", (response) => {
      const latencyMs = elapsed();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      let tls: Observation["tls"];
      if (secure) {
        const certificate = (response.socket as TLSSocket).getPeerCertificate();
        const validTo = certificate?.valid_to ? new Date(certificate.valid_to) : undefined;
        if (validTo && Number.isFinite(validTo.getTime())) {
          tls = {
            validTo: validTo.toISOString(),
            daysLeft: Math.floor((validTo.getTime() - startedAt.getTime()) / DAY_MS),
          };
        }
      }
      const base = { latencyMs, status: response.statusCode, headers, tls };
      if (!wantsBody) {
        response.destroy();
        finish(base);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY_BYTES) response.destroy();
      });
      const done = () =>
        finish({
          ...base,
          body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString("utf8"),
        });
      response.on("end", done);
      response.on("close", done);
      response.on("error", done);
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      finish({ latencyMs: elapsed(), headers: {}, error: classify(error, spec.timeoutMs) });
    });
    request.end();
  });
}

/**
 * What may be fetched, before any connection: http(s) only, and an address
 * given as the host checked here (Node skips the lookup for those). A host
 * named in the allow list is reached wherever it resolves (the system's
 * lookup); any other host only at addresses the rules allow (the guarded one).
 */
function checkTarget(
  url: string,
  allow: ProbeAllowList,
):
  | { target: URL; lookup: "system" | { allow: ProbeAllowList } }
  | { error: { kind: ProbeErrorKind; message: string } } {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { error: { kind: "url", message: "not a valid URL" } };
  }
  if (target.protocol !== "http:" && target.protocol !== "https:")
    return {
      error: { kind: "url", message: `${target.protocol} URLs are not probed: http or https only` },
    };
  if (hostAllowed(target.hostname, allow)) return { target, lookup: "system" };
  const literal = checkLiteralAddress(target.hostname, allow);
  if (literal) return { error: { kind: "denied", message: literal.message } };
  return { target, lookup: { allow } };
}

function classify(
  error: NodeJS.ErrnoException,
  timeoutMs: number,
): { kind: ProbeErrorKind; message: string } {
  const code = error.code ?? "";
  if (code === "PROBE_DENIED") return { kind: "denied", message: error.message };
  if (code === "PROBE_TIMEOUT")
    return { kind: "timeout", message: `no answer within ${timeoutMs} ms` };
  if (code === "ECONNREFUSED") return { kind: "refused", message: "connection refused" };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return { kind: "dns", message: "the host name does not resolve" };
  if (
    /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_)/.test(
      code,
    )
  )
    return { kind: "tls", message: `TLS: ${code}` };
  return {
    kind: "connection",
    message: code ? `connection failed (${code})` : "connection failed",
  };
}
