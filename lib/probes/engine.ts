import http from "node:http";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import type { Observation, ProbeErrorKind, ProbeSpec } from "@/lib/domain/probe-spec";
import { DAY_MS } from "@/lib/domain/time";

/**
 * Observes one URL: a single request (redirects are not followed, so a
 * redirect is an answer like any other), its status, headers, latency, the
 * start of its body when the spec looks at it, and the TLS certificate's
 * expiry. Certificates are verified as any client would (`ca` adds trusted
 * roots, e.g. an internal CA); an untrusted one is an observation, not a
 * crash. Never throws: every failure comes back as `error`.
 */
export type ObserveOptions = {
  /** Extra trusted CA certificates (PEM). */
  ca?: string | Buffer | (string | Buffer)[];
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

  return new Promise((resolve) => {
    let settled = false;
    const finish = (observation: Omit<Observation, "url" | "startedAt">) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ url, startedAt, ...observation });
    };

    let target: URL;
    try {
      target = new URL(url);
      if (target.protocol !== "http:" && target.protocol !== "https:")
        throw new Error("not http or https");
    } catch {
      finish({
        latencyMs: 0,
        headers: {},
        error: { kind: "connection", message: "not an http(s) URL" },
      });
      return;
    }
    const secure = target.protocol === "https:";
    const request = (secure ? https : http).request(target, {
      method: spec.method,
      headers: { "user-agent": "ops-hub-probe", accept: "*/*" },
      // A fresh connection per probe: a pooled one would hide a broken handshake.
      agent: false,
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

function classify(
  error: NodeJS.ErrnoException,
  timeoutMs: number,
): { kind: ProbeErrorKind; message: string } {
  const code = error.code ?? "";
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
