import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}"],
          exclude: ["**/*.contract.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "contract",
          include: ["lib/**/*.contract.test.ts"],
          globalSetup: ["test/contract-server.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // The targets share one app server; run files one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
