import "server-only";
import { ensureAdminAccount } from "@/lib/auth/admin-account";
import { sessionSecret } from "@/lib/auth/auth";
import { getDatabase } from "@/lib/db";
import { EMBEDDED_BASE_URL, getEmbeddedHub } from "@/lib/embedded-hub/instance";
import { getEnv, InvalidEnvError } from "@/lib/env";
import { connectInProcessHub } from "@/lib/interhub";
import { startOutboxWorker } from "@/lib/outbox";
import { getHubSnapshot } from "@/lib/data/snapshot";
import { getHubSlug } from "@/lib/interhub";
import { startProbeScheduler } from "@/lib/probes/server";

/**
 * Runs once when the server starts (instrumentation.ts): checks the
 * configuration, migrates the database, brings up and seeds the embedded hub
 * when no remote Inter-Hub is configured (and connects the app's Inter-Hub
 * client to it), makes sure an admin can sign in, and begins reading the hub
 * for the pages without waiting for it.
 * Bad configuration stops the server here, with a message naming the variable.
 */
export async function startOpsHub(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof InvalidEnvError) {
      console.error(`[ops-hub] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  try {
    await getDatabase();
    if (!env.INTERHUB_URL) {
      const hub = await getEmbeddedHub();
      connectInProcessHub({
        baseUrl: EMBEDDED_BASE_URL,
        fetch: hub.handle,
        runtimeKeyFile: hub.runtimeKeyFile,
        operatorKeyFile: hub.operatorKeyFile,
      });
    }
    await ensureAdminAccount();
    sessionSecret();
    await startProbeScheduler();
    startOutboxWorker();
  } catch (error) {
    console.error("[ops-hub] start-up failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const store = env.DATABASE_URL ? "PostgreSQL" : `SQLite in ${env.OPS_HUB_DATA_DIR}`;
  const hub = env.INTERHUB_URL
    ? `remote Inter-Hub ${new URL(env.INTERHUB_URL).origin}`
    : "the embedded hub";
  console.info(`[ops-hub] ready: ${hub}, database ${store}`);
  warmUp();
}

/**
 * Reads the configured hub into its model in the background: the server
 * answers at once (health, readiness, sign-in), and by the time the first
 * page asks, most or all of the read is done. A hub that cannot be read now
 * is read again by the first page that needs it.
 */
function warmUp() {
  const started = performance.now();
  const hub = getHubSlug();
  getHubSnapshot(hub).then(
    ({ model }) =>
      console.info(
        `[ops-hub] ${hub}: ${model.rows.length} items read in ${Math.round(performance.now() - started)} ms`,
      ),
    (error: unknown) =>
      console.warn(
        `[ops-hub] ${hub} could not be read yet (${error instanceof Error ? error.message : "unknown error"}); the first page will try again`,
      ),
  );
}
