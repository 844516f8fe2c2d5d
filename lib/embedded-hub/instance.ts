import "server-only";
import { getDatabase } from "@/lib/db";
import { listenForChanges } from "@/lib/db/notifications";
import { getEnv } from "@/lib/env";
import { dataPath, readSecretFile, writeSecretFile } from "@/lib/data-dir";
import { applyHubProfile } from "@/lib/hub-profile/apply";
import { parseHubProfile } from "@/lib/hub-profile/schema";
import opsHubProfile from "@/lib/hub-profile/ops-hub.json";
import { createInterHubClient } from "@/lib/interhub/client";
import { markHubChanged, markHubChangedInBackground } from "@/lib/hub-changes";
import { processSingleton } from "@/lib/process-singleton";
import { isHubFailing } from "./faults-switch";
import { createHubAnswerer, hubRequestHandler } from "./http";
import { offerNodeHandler } from "./node-server";
import { createHubService } from "./service";

/**
 * The embedded hub of this process, ready once its database is migrated and
 * the ops-hub profile applied. On first start that writes two keys, mode 0600:
 * `keys/operator.key` (framework:admin) and `keys/ops-hub-runtime.key`, the
 * key the app itself then uses, with the same scopes a remote client has.
 */
export const EMBEDDED_BASE_URL = "http://embedded-hub.invalid/api/v2";

export type EmbeddedHub = {
  /** For the app's own Inter-Hub client, in process. */
  handle: (request: Request) => Promise<Response>;
  /** For API clients over HTTP (the `/api/v2` route handler). */
  serveHttp: (request: Request) => Promise<Response>;
  runtimeKeyFile: string;
  operatorKeyFile: string;
};

export function getEmbeddedHub(): Promise<EmbeddedHub> {
  return processSingleton("embedded-hub", () => startEmbeddedHub());
}

async function startEmbeddedHub(): Promise<EmbeddedHub> {
  const service = createHubService(await getDatabase());
  // The app's own writes (in process) mark the read cache themselves where
  // someone waits to see them. An API client's items, events and annotations
  // over HTTP come in streams and mark it in the background; its changes to
  // hubs, manifests and keys are rare and change what the app can show, so
  // they count at once (see lib/hub-changes.ts).
  const handle = hubRequestHandler(createHubAnswerer(service, { failing: isHubFailing }));
  const overHttp = createHubAnswerer(service, {
    onWrite: (path) =>
      /^\/(widgets|interaction-events|annotations)(\/|$)/.test(path)
        ? markHubChangedInBackground()
        : markHubChanged(),
    failing: isHubFailing,
  });
  const { OPS_HUB_TRUSTED_PROXIES: trustedProxies, DATABASE_URL: databaseUrl } = getEnv();
  offerNodeHandler(overHttp, trustedProxies);
  // The change feed keeps a week (a reader further behind re-reads the hub),
  // idempotency keys a day: pruned hourly, and once now.
  const prune = () =>
    Promise.all([service.pruneChanges(), service.pruneIdempotencyKeys()]).catch((error: unknown) =>
      console.warn(
        `[ops-hub] embedded hub: pruning failed: ${error instanceof Error ? error.message : error}`,
      ),
    );
  void prune();
  setInterval(prune, 3_600_000).unref();
  // Other instances on the same PostgreSQL database announce their writes.
  if (databaseUrl) await listenForChanges(databaseUrl, markHubChangedInBackground);
  const operatorKeyFile = dataPath("keys", "operator.key");
  const runtimeKeyFile = dataPath("keys", "ops-hub-runtime.key");

  let operatorKey = readSecretFile(operatorKeyFile);
  if (!operatorKey || !(await service.authenticate(operatorKey))) {
    operatorKey = (await service.createBootstrapOperatorKey("ops-hub-operator")).key;
    writeSecretFile(operatorKeyFile, operatorKey);
    console.info(
      `[ops-hub] embedded hub: operator key (framework:admin) written to ${operatorKeyFile}`,
    );
  }

  const runtimeKey = readSecretFile(runtimeKeyFile);
  const runtimeKeyValid = !!runtimeKey && !!(await service.authenticate(runtimeKey));
  const operator = createInterHubClient({
    baseUrl: EMBEDDED_BASE_URL,
    apiKey: () => operatorKey,
    fetch: (input, init) => handle(new Request(input, init)),
  });
  const result = await applyHubProfile(operator, loadProfile(), {
    createRuntimeKey: !runtimeKeyValid,
  });
  if (result.runtimeKey) {
    writeSecretFile(runtimeKeyFile, result.runtimeKey);
    console.info(`[ops-hub] embedded hub: runtime key written to ${runtimeKeyFile}`);
  }
  const { created } = result;
  if (created.hub || created.manifest || created.widgets || created.events) {
    console.info(
      `[ops-hub] embedded hub: applied profile ops-hub (hub ${created.hub ? "created" : "kept"}, manifest ${created.manifest ? "activated" : "kept"}, ${created.widgets} widgets, ${created.events} events seeded)`,
    );
  }
  return {
    handle,
    serveHttp: hubRequestHandler(overHttp, { trustedProxies }),
    runtimeKeyFile,
    operatorKeyFile,
  };
}

function loadProfile() {
  return parseHubProfile(opsHubProfile, "lib/hub-profile/ops-hub.json");
}
