import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/db/database";
import { createHubHandler } from "@/lib/embedded-hub/http";
import { createHubService } from "@/lib/embedded-hub/service";
import { createInterHubClient, listAll } from "@/lib/interhub/client";
import { applyHubProfile } from "./apply";
import opsHubJson from "./ops-hub.json";
import { parseHubProfile } from "./schema";
import synHubJson from "./syn-hub.json";

/** The second VSM hub, from a profile alone, next to ops-hub in one Inter-Hub. */
const syn = parseHubProfile(synHubJson);
const ops = parseHubProfile(opsHubJson);

describe("the syn-hub profile", () => {
  it("classifies the hub as the VSM Synchronization and Coordination / System 2 hub", () => {
    expect(syn.hub).toMatchObject({
      slug: "syn-hub",
      hub_kind: "domain",
      hub_family: "vsm",
      vsm_function: "SYN",
      vsm_system: "2",
    });
  });

  it("has a vocabulary of its own: no value collides with ops-hub's", () => {
    for (const field of [
      "widgetTypes",
      "eventTypes",
      "annotationCategories",
      "policyScopes",
    ] as const) {
      expect(syn.manifest[field].filter((name) => ops.manifest[field].includes(name))).toEqual([]);
      expect(syn.manifest[field].every((name) => name.startsWith("syn-"))).toBe(true);
    }
  });

  it("gives its runtime consumer this hub's scopes only", () => {
    expect(syn.runtimeConsumer.scopes).toEqual([
      "framework:read",
      "hub:syn-hub:read",
      "hub:syn-hub:write",
    ]);
  });
});

describe("bootstrapping syn-hub next to ops-hub", () => {
  let db: Db;
  let operator: ReturnType<typeof createInterHubClient>;
  const clientFor = (key: string) =>
    createInterHubClient({
      baseUrl: "http://embedded-hub.invalid/api/v2",
      apiKey: () => key,
      fetch: (input, init) => createHubHandler(createHubService(db))(new Request(input, init)),
    });

  beforeAll(async () => {
    db = await openDatabase({ dataDir: mkdtempSync(path.join(tmpdir(), "ops-hub-syn-")) });
    const { key } = await createHubService(db).createBootstrapOperatorKey("operator");
    operator = clientFor(key);
    await applyHubProfile(operator, ops, { createRuntimeKey: false });
  });
  afterAll(() => db.destroy());

  it("plans without writing in a dry run", async () => {
    const before = await listAll(operator.listHubs);
    const plan = await applyHubProfile(operator, syn, { createRuntimeKey: true, dryRun: true });
    expect(plan.hubId).toBeUndefined();
    expect(plan.runtimeKey).toBeUndefined();
    expect(plan.steps.every((step) => step.action === "create")).toBe(true);
    expect(plan.steps.filter((step) => step.kind === "widget")).toHaveLength(
      syn.seed.widgets.length,
    );
    expect(await listAll(operator.listHubs)).toEqual(before);
  });

  it("creates the hub with the same code as ops-hub, and its key reads syn-hub only", async () => {
    const result = await applyHubProfile(operator, syn, { createRuntimeKey: true });
    expect(result.created).toEqual({
      hub: true,
      manifest: true,
      consumer: true,
      widgets: syn.seed.widgets.length,
      events: 1,
    });
    const runtime = clientFor(result.runtimeKey!);
    expect(await listAll(runtime.listWidgets, { hub: "syn-hub" })).toHaveLength(
      syn.seed.widgets.length,
    );
    await expect(runtime.listWidgets({ hub: "ops-hub" })).rejects.toMatchObject({
      code: "insufficient_scope",
    });
  });

  it("plans nothing but keeps once it is there", async () => {
    const plan = await applyHubProfile(operator, syn, { createRuntimeKey: false, dryRun: true });
    expect(plan.steps.every((step) => step.action === "keep")).toBe(true);
  });
});
