import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openDatabase, type Db } from "@/lib/db/database";
import { createHubHandler } from "@/lib/embedded-hub/http";
import { createHubService } from "@/lib/embedded-hub/service";
import { checkedFetch, type OpenApiDocument } from "./openapi-responses";

/**
 * The four targets of the Inter-Hub v2 contract suite: the embedded hub in
 * process and the running ops-hub server over real HTTP, each on SQLite and
 * on a real PostgreSQL server. Every request a test sends goes through the
 * target's `fetch`, which checks each answer against the OpenAPI document
 * that target publishes; what broke it collects in `violations`.
 */
export type Target = {
  baseUrl: string;
  fetch: typeof fetch;
  /** Answers that broke the published OpenAPI document, in words. */
  violations: string[];
  document: OpenApiDocument;
  operatorKey: string;
  /** Over HTTP only: the server's origin, for requests fetch cannot send (see test/raw-http.ts). */
  origin?: string;
  /** Checks an answer that did not come through `fetch` (a raw request), into `violations`. */
  checkAnswer: (
    method: string,
    url: string,
    answer: { status: number; headers: Headers; body: string },
  ) => void;
  /** In process only: moves the hub's clock forward. */
  advanceClock?: (ms: number) => void;
  /** In process only: drops change-feed entries older than an instant, as retention does. */
  pruneChanges?: (olderThan: Date) => Promise<void>;
  close: () => Promise<void>;
};

type Reach = Omit<Target, "fetch" | "violations" | "document" | "checkAnswer"> & {
  fetch: typeof fetch;
};

async function checked(reach: Reach): Promise<Target> {
  const response = await reach.fetch(`${reach.baseUrl}/openapi.json`);
  const document = (await response.json()) as OpenApiDocument;
  return { ...reach, document, ...checkedFetch(reach.fetch, document) };
}

async function inProcessTarget(databaseUrl?: string): Promise<Target> {
  const db: Db = await openDatabase({
    databaseUrl,
    dataDir: mkdtempSync(path.join(tmpdir(), "ops-hub-contract-")),
  });
  let clockOffset = 0;
  const service = createHubService(db, { now: () => new Date(Date.now() + clockOffset) });
  const handle = createHubHandler(service);
  const { key } = await service.createBootstrapOperatorKey(`contract-operator-${Date.now()}`);
  return checked({
    baseUrl: "http://embedded-hub.invalid/api/v2",
    fetch: (input, init) => handle(new Request(input, init)),
    operatorKey: key,
    advanceClock: (ms) => (clockOffset += ms),
    pruneChanges: (olderThan) => service.pruneChanges(olderThan),
    close: () => db.destroy(),
  });
}

async function httpTarget(appUrl: string, dataDir: string): Promise<Target> {
  return checked({
    baseUrl: `${appUrl}/api/v2`,
    fetch: (input, init) => fetch(input, init),
    operatorKey: readFileSync(path.join(dataDir, "keys", "operator.key"), "utf8").trim(),
    origin: appUrl,
    close: async () => {},
  });
}

/** Each target by name; null when its database is not available here. */
export function hubTargets(): [string, (() => Promise<Target>) | null][] {
  return [
    ["embedded hub in process (SQLite)", () => inProcessTarget()],
    ["ops-hub server over HTTP (SQLite)", () => httpTarget(inject("appUrl"), inject("appDataDir"))],
    [
      "embedded hub in process (PostgreSQL)",
      process.env.TEST_DATABASE_URL ? () => inProcessTarget(process.env.TEST_DATABASE_URL) : null,
    ],
    [
      "ops-hub server over HTTP (PostgreSQL)",
      inject("appPgUrl") ? () => httpTarget(inject("appPgUrl")!, inject("appPgDataDir")!) : null,
    ],
  ];
}
