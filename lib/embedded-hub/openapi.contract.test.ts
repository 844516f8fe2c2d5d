import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createInterHubClient } from "@/lib/interhub/client";
import { hubTargets, type Target } from "@/test/hub-targets";

/**
 * The published OpenAPI document as a contract others build on: a client
 * generated from it compiles and works, and every list filter it declares
 * is one the hub honours.
 */
const clientDir = path.resolve(import.meta.dirname, "../../test/generated-client");

/**
 * The generated client, imported by a path TypeScript does not follow: the
 * project's type check must not depend on the types this test generates.
 */
type GeneratedClient = {
  recordAndReadBack(exchange: {
    baseUrl: string;
    fetch: (request: Request) => Promise<Response>;
    apiKey: string;
    hub: string;
    widgetType: string;
    eventType: string;
    idempotencyKey: string;
  }): Promise<{
    expiresIn: number;
    widgetTypes: string[];
    created: { metadata: Record<string, unknown> };
    readBack: unknown;
  }>;
};
const generatedClient = () =>
  import(/* @vite-ignore */ path.join(clientDir, "client.ts")) as Promise<GeneratedClient>;

describe("a client generated from the published document", () => {
  // tsc checks zod's types too: tens of seconds on a busy 2-core machine.
  it(
    "compiles with tsc --strict, and lib/interhub's wire types agree with it",
    { timeout: 180_000 },
    async () => {
      const response = await fetch(`${inject("appUrl")}/api/v2/openapi.json`);
      // A default in a request schema is the hub's to fill in: such a field stays optional.
      const types = astToString(
        await openapiTS(await response.text(), { defaultNonNullable: false }),
      );
      writeFileSync(path.join(clientDir, "schema.ts"), types);
      const tsc = spawnSync(
        process.execPath,
        [createRequire(import.meta.url).resolve("typescript/bin/tsc"), "--strict", "-p", clientDir],
        { encoding: "utf8", timeout: 120_000 },
      );
      expect(tsc.stdout + tsc.stderr).toBe("");
      expect(tsc.status).toBe(0);
    },
  );
});

type Operation = {
  parameters?: { name: string; in: string; required?: boolean; schema?: { format?: string } }[];
};

for (const [name, makeTarget] of hubTargets()) {
  describe.skipIf(!makeTarget)(`the published document: ${name}`, () => {
    let target: Target;
    const run = Math.random().toString(36).slice(2, 8);
    const slug = `oa-${run}`;
    const vocab = {
      widgetTypes: [`${slug}-service`],
      eventTypes: [`${slug}-checked`],
      annotationCategories: [`${slug}-note`],
      policyScopes: [`${slug}-prod`],
    };
    let runtimeKey: string;

    beforeAll(async () => {
      target = await makeTarget!();
      const operator = createInterHubClient({
        baseUrl: target.baseUrl,
        apiKey: () => target.operatorKey,
        fetch: target.fetch,
        retries: 0,
      });
      const hub = await operator.createHub({ name: `OpenAPI ${run}`, slug });
      const manifest = await operator.createManifest({ hubId: hub.id, ...vocab });
      await operator.activateManifest(manifest.id);
      const consumer = await operator.createApiConsumer({ name: `${slug}-runtime`, hubId: hub.id });
      runtimeKey = (
        await operator.createApiKey(consumer.id, {
          scopes: ["framework:read", `hub:${slug}:read`, `hub:${slug}:write`],
        })
      ).key;
      const widget = await operator.createWidget({
        hubId: hub.id,
        widgetType: vocab.widgetTypes[0]!,
        slug: "probed",
        name: "Probed",
      });
      await operator.createEvent({ widgetId: widget.id, eventType: vocab.eventTypes[0]! });
      await operator.createAnnotation({
        widgetId: widget.id,
        category: vocab.annotationCategories[0]!,
        body: "noted",
      });
    });

    afterAll(async () => target?.close());

    afterEach(() => {
      expect(target.violations.splice(0)).toEqual([]);
    });

    it("runs the generated client: token, a filtered list, an event recorded and read back", async () => {
      const { recordAndReadBack } = await generatedClient();
      const result = await recordAndReadBack({
        baseUrl: target.baseUrl,
        fetch: (request) => target.fetch(request),
        apiKey: runtimeKey,
        hub: slug,
        widgetType: vocab.widgetTypes[0]!,
        eventType: vocab.eventTypes[0]!,
        idempotencyKey: `oa-${run}`,
      });
      expect(result.expiresIn).toBeGreaterThan(0);
      expect(result.widgetTypes).toEqual([vocab.widgetTypes[0]]);
      expect(result.readBack).toEqual(result.created);
      expect(result.created.metadata).toEqual({ outcome: "pass" });
    });

    it("honours every filter each list declares, and refuses one it does not", async () => {
      const asOperator = { headers: { authorization: `Bearer ${target.operatorKey}` } };
      const lists = Object.entries(target.document.paths).flatMap(([pathname, methods]) => {
        const operation = (methods as Record<string, Operation>).get;
        const query = operation?.parameters?.filter((p) => p.in === "query") ?? [];
        // The change feed pages by cursor, not by total; a list with required
        // parameters (the widgets as of an instant) is no list of this kind either.
        if (
          pathname.includes("{") ||
          !query.some((p) => p.name === "page") ||
          query.some((p) => p.required)
        )
          return [];
        return [{ pathname, query }];
      });
      expect(lists.length).toBeGreaterThan(10);
      const totalOf = async (search: string) => {
        const response = await target.fetch(`${target.baseUrl}${search}`, asOperator);
        const body = (await response.json()) as { meta?: { total: number } };
        return { status: response.status, total: body.meta?.total };
      };
      const ignored: string[] = [];
      for (const { pathname, query } of lists) {
        expect((await totalOf(pathname)).total, pathname).toBeGreaterThan(0);
        for (const parameter of query) {
          if (["page", "per_page", "sort"].includes(parameter.name)) continue;
          const nothing =
            parameter.schema?.format === "date-time"
              ? parameter.name === "since"
                ? "2999-01-01T00:00:00Z"
                : "1970-01-01T00:00:00Z"
              : "zz-matches-nothing";
          const filtered = await totalOf(`${pathname}?${parameter.name}=${nothing}`);
          if (filtered.status !== 200 || filtered.total !== 0)
            ignored.push(`${pathname}?${parameter.name}: ${filtered.status}, ${filtered.total}`);
        }
        const undeclared = await totalOf(`${pathname}?colour=red`);
        expect(undeclared.status, `${pathname}?colour`).toBe(400);
      }
      expect(ignored).toEqual([]);
    });
  });
}
