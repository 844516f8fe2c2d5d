import { expect, test } from "@playwright/test";

test("health and readiness answer without signing in", async ({ request }) => {
  expect(await (await request.get("/api/health")).json()).toEqual({ status: "ok" });
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({
    ready: true,
    checks: {
      database: { ok: true },
      interHub: { ok: true, detail: expect.stringContaining("ops-hub") },
    },
  });
});

test("pages and private APIs need a signed-in user; the hub API needs a key", async ({
  request,
}) => {
  const page = await request.get("/migrations", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toContain("/signin");
  const hub = await request.get("/api/v2/widgets");
  expect(hub.status()).toBe(401);
  expect(await hub.json()).toEqual({ error: "invalid_api_key" });
  expect((await request.get("/api/v2/hubs")).status()).toBe(200);
});
