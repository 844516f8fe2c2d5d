import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ProbeAllowList } from "../lib/probes/address-guard";
import { parseAddressList } from "../lib/security/ip-ranges";

/**
 * Loopback servers for probe tests: the tests probe only what they start
 * here, on 127.0.0.1, and never anything else. Probes refuse loopback unless
 * allowed, so the tests that mean to reach these servers allow it.
 */
export const LOOPBACK_ALLOW = "127.0.0.0/8,::1,localhost";
export const LOOPBACK_ALLOWED = parseAddressList(LOOPBACK_ALLOW, {
  hosts: true,
}) as ProbeAllowList;

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export type TestServer = { url: string; hits: () => number; close: () => Promise<void> };

function serve(server: http.Server, scheme: "http" | "https"): Promise<TestServer> {
  let hits = 0;
  server.on("request", () => (hits += 1));
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `${scheme}://127.0.0.1:${port}`,
        hits: () => hits,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

export function startHttpServer(handler: Handler): Promise<TestServer> {
  return serve(http.createServer(handler), "http");
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid for `days` days (openssl). */
export function selfSignedCertificate(days: number): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "ops-hub-cert-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        String(days),
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return {
      key: readFileSync(path.join(dir, "key.pem"), "utf8"),
      cert: readFileSync(path.join(dir, "cert.pem"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function startHttpsServer(
  certificate: { key: string; cert: string },
  handler: Handler,
): Promise<TestServer> {
  return serve(https.createServer(certificate, handler), "https");
}

/** A loopback port that refuses connections: it was free a moment ago and nothing listens. */
export async function refusedUrl(): Promise<string> {
  const server = await startHttpServer(() => {});
  await server.close();
  return server.url;
}
