import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/db/database";
import { createHubHandler } from "@/lib/embedded-hub/http";
import { createHubService } from "@/lib/embedded-hub/service";
import { createInterHubClient, listAll } from "@/lib/interhub/client";
import { applyHubProfile } from "./apply";
import profileJson from "./ops-hub.json";
import { parseHubProfile } from "./schema";

describe("applying the ops-hub profile to an embedded hub", () => {
  let db: Db;
  let operator: ReturnType<typeof createInterHubClient>;
  const profile = parseHubProfile(profileJson);

  beforeAll(async () => {
    db = await openDatabase({ dataDir: mkdtempSync(path.join(tmpdir(), "ops-hub-apply-")) });
    const service = createHubService(db);
    const handle = createHubHandler(service);
    const { key } = await service.createBootstrapOperatorKey("operator");
    operator = createInterHubClient({
      baseUrl: "http://embedded-hub.invalid/api/v2",
      apiKey: () => key,
      fetch: (input, init) => handle(new Request(input, init)),
    });
  });
  afterAll(() => db.destroy());

  it("creates everything the first time, with a runtime key that can read the seed", async () => {
    const first = await applyHubProfile(operator, profile, { createRuntimeKey: true });
    expect(first.created).toEqual({
      hub: true,
      manifest: true,
      consumer: true,
      widgets: profile.seed.widgets.length,
      events: 1,
    });
    expect(first.runtimeKey).toMatch(/^ihk_[0-9a-f]{8}_/);
    const runtime = createInterHubClient({
      baseUrl: "http://embedded-hub.invalid/api/v2",
      apiKey: () => first.runtimeKey!,
      fetch: (input, init) => createHubHandler(createHubService(db))(new Request(input, init)),
    });
    const widgets = await listAll(runtime.listWidgets, { hub: "ops-hub" });
    expect(widgets).toHaveLength(profile.seed.widgets.length);
    expect(widgets.every((w) => w.metadata.source === "seed:HF-WP-0001")).toBe(true);
    await expect(runtime.createHub({ name: "X", slug: "x" })).rejects.toMatchObject({
      code: "insufficient_scope",
    });
  });

  it("changes nothing when applied again", async () => {
    const before = await operator.getHubRegistryEntry("ops-hub");
    const second = await applyHubProfile(operator, profile, { createRuntimeKey: false });
    expect(second.created).toEqual({
      hub: false,
      manifest: false,
      consumer: false,
      widgets: 0,
      events: 0,
    });
    expect(second.runtimeKey).toBeUndefined();
    const after = await operator.getHubRegistryEntry("ops-hub");
    expect(after.counts).toEqual(before.counts);
    expect(after.manifest?.id).toBe(before.manifest?.id);
  });
});
