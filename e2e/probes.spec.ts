import { expect, test } from "@playwright/test";
import { startHttpServer, type TestServer } from "../test/probe-servers";
import { gotoShowing, hubApi, SignInPage } from "./pages";

/**
 * "Probe now" on an endpoint's page: an operator (here the admin) probes the
 * declared expectation and the evidence appears in the timeline; when the
 * endpoint stops answering, the failure and the drift are recorded. The
 * endpoint is a loopback server this test starts.
 */
let registry: TestServer;
let up = true;
const slug = "ops-endpoint-e2e-probe";

test.beforeAll(async ({ request }) => {
  registry = await startHttpServer((_request, response) => {
    if (!up) {
      response.socket?.destroy();
      return;
    }
    response.writeHead(401, { "Docker-Distribution-Api-Version": "registry/2.0" });
    response.end();
  });
  const hubId = (await hubApi<{ id: string }>(request, "GET", "/hubs/ops-hub")).id;
  await hubApi(request, "POST", "/widgets", {
    hubId,
    widgetType: "ops-endpoint",
    slug,
    name: "E2E loopback registry",
    metadata: {
      service: "ops-service-gitea",
      url: `${registry.url}/v2/`,
      exposure: "internal",
      probe: {
        expectedStatus: 401,
        expectedHeaders: { "Docker-Distribution-Api-Version": "registry/2.0" },
      },
    },
  });
});
test.afterAll(() => registry?.close());

test("an operator probes an endpoint from its page; a failure records drift", async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
  await gotoShowing(page, `/catalog/${slug}`, () =>
    expect(page.getByRole("button", { name: "Probe now" })).toBeVisible(),
  );
  const timeline = page.getByRole("list", { name: "Evidence timeline, newest first" });
  const status = page.getByRole("status").filter({ hasText: "Probe" });

  await page.getByRole("button", { name: "Probe now" }).click();
  await expect(status).toContainText(/Probe passed \(401 in \d+ ms\); recorded as evidence\./);
  const verified = timeline.getByRole("listitem").filter({ hasText: "Endpoint verified" });
  await expect(verified.first()).toContainText("✓ pass");
  await expect(verified.first()).toContainText("ops-hub probe, asked by admin");

  up = false;
  await page.getByRole("button", { name: "Probe now" }).click();
  await expect(status).toContainText("Probe failed");
  await expect(status.getByRole("listitem")).toHaveText([/connection failed|no answer/]);
  await expect(timeline.getByRole("listitem").filter({ hasText: "Drift detected" })).toHaveCount(1);
});

test("items that declare no probe have no probe button", async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
  await page.goto("/catalog/ops-endpoint-gitea-nodeport");
  await expect(page.getByRole("heading", { level: 1, name: "Gitea NodePort 32166" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Probe now" })).toHaveCount(0);
});
