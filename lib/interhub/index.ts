import "server-only";
import { getEmbeddedHub, EMBEDDED_BASE_URL } from "@/lib/embedded-hub/instance";
import { readSecretFile } from "@/lib/data-dir";
import { getEnv } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { createInterHubClient, type InterHubClient } from "./client";

/**
 * The app's Inter-Hub: a remote one when `INTERHUB_URL` is set, else the
 * embedded hub, reached in process (not over the app's own HTTP routes) with
 * the runtime key, through the same client and wire format. One client per
 * process, so the Bearer token is exchanged once and shared.
 *
 * Security boundary: this module and the client are the only holders of the
 * key. It never enters a session, a client component, a response or a log.
 */
export function getInterHub(): Promise<InterHubClient> {
  return processSingleton("interhub-client", async () => {
    const env = getEnv();
    if (env.INTERHUB_URL) {
      return createInterHubClient({
        baseUrl: v2Base(env.INTERHUB_URL),
        apiKey: () => env.OPS_HUB_KEY ?? requireKeyFile(env.OPS_HUB_KEY_FILE!),
        timeoutMs: env.INTERHUB_TIMEOUT_MS,
      });
    }
    const hub = await getEmbeddedHub();
    return createInterHubClient({
      baseUrl: EMBEDDED_BASE_URL,
      apiKey: () => requireKeyFile(hub.runtimeKeyFile),
      fetch: (input, init) => hub.handle(new Request(input, init)),
      timeoutMs: env.INTERHUB_TIMEOUT_MS,
    });
  });
}

/** The hub whose widgets this app shows. */
export function getHubSlug(): string {
  return getEnv().OPS_HUB_HUB_SLUG;
}

export function interHubMode(): "remote" | "embedded" {
  return getEnv().INTERHUB_URL ? "remote" : "embedded";
}

function v2Base(url: string): string {
  const trimmed = url.replace(/\/+$/, "");
  return trimmed.endsWith("/api/v2") ? trimmed : `${trimmed}/api/v2`;
}

function requireKeyFile(file: string): string {
  const key = readSecretFile(file);
  if (!key) throw new Error(`The Inter-Hub key file ${file} is missing or empty`);
  return key;
}
