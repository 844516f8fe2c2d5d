import "server-only";
import { getEnv } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";
import { openDatabase, type Db } from "./database";

/** ops-hub's database, opened and migrated once per process. */
export function getDatabase(): Promise<Db> {
  return processSingleton("database", () => {
    const env = getEnv();
    return openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.OPS_HUB_DATA_DIR });
  });
}
