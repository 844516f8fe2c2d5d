import "server-only";
import { getDatabase } from "@/lib/db";
import { pingDatabase } from "@/lib/db/database";
import { getHubSlug, getInterHub, interHubMode } from "@/lib/interhub";
import { InterHubError } from "@/lib/interhub/errors";

type Check = { ok: boolean; detail: string };

/** Whether this instance can serve: its database and its Inter-Hub both answer. */
export async function checkReadiness() {
  const [database, interHub] = await Promise.all([
    check(async () => {
      await pingDatabase(await getDatabase());
      return "reachable";
    }),
    check(async () => {
      // The hub itself, not its registry entry, which counts every event (1.3 s at 10,000,000).
      const hub = await (await getInterHub(getHubSlug())).getHub(getHubSlug());
      return `${interHubMode()} hub ${hub.slug} answers`;
    }),
  ]);
  return { ready: database.ok && interHub.ok, checks: { database, interHub } };
}

async function check(run: () => Promise<string>): Promise<Check> {
  try {
    return { ok: true, detail: await run() };
  } catch (error) {
    // Typed Inter-Hub errors carry safe messages; anything else is summarized.
    const detail =
      error instanceof InterHubError
        ? `${error.code}: ${error.message}`
        : error instanceof Error
          ? error.message
          : "failed";
    return { ok: false, detail };
  }
}
