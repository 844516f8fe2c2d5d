import type { TestProject } from "vitest/node";
import { startAppServer, type AppServer } from "../scripts/app-server.mjs";

/**
 * Starts the production build of ops-hub with a throwaway data directory, so
 * the contract suite can point the HTTP client at a running embedded hub over
 * real HTTP; and a second one on PostgreSQL when `with-postgres` provides it.
 */
export default async function setup(project: TestProject) {
  const servers: AppServer[] = [];
  try {
    const sqlite = await startAppServer({ name: "contract" });
    servers.push(sqlite);
    project.provide("appUrl", sqlite.url);
    project.provide("appDataDir", sqlite.dataDir);
    const databaseUrl = process.env.TEST_DATABASE_URL;
    if (databaseUrl) {
      const postgres = await startAppServer({
        name: "contract-pg",
        env: { DATABASE_URL: databaseUrl },
      });
      servers.push(postgres);
      project.provide("appPgUrl", postgres.url);
      project.provide("appPgDataDir", postgres.dataDir);
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
  return async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    appDataDir: string;
    appPgUrl?: string;
    appPgDataDir?: string;
  }
}
