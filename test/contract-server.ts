import type { TestProject } from "vitest/node";
import { startAppServer, type AppServer } from "../scripts/app-server.mjs";

/**
 * Starts the production build of ops-hub on a free port with a throwaway data
 * directory, so the contract suite can point the HTTP client at a running
 * embedded hub over real HTTP.
 */
let server: AppServer | undefined;

export default async function setup(project: TestProject) {
  server = await startAppServer({ name: "contract" });
  project.provide("appUrl", server.url);
  project.provide("appDataDir", server.dataDir);
  return async () => {
    await server?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    appDataDir: string;
  }
}
