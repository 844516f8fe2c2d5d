import { expect, test } from "@playwright/test";
import { expectAccessible, gotoShowing, hubApi, SignInPage, widgetId } from "./pages";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("from home to the Gitea service, to its registry endpoint and the T07 evidence", async ({
  page,
}) => {
  const coulombcore = page.getByRole("article").filter({ hasText: "CoulombCore" });
  await coulombcore.getByRole("link", { name: "3 services in CoulombCore" }).click();
  await expect(page).toHaveURL(/\/catalog\?env=ops-env-coulombcore&type=ops-service$/);
  await page.getByRole("link", { name: "Gitea and container registry" }).click();

  await expect(
    page.getByRole("heading", { level: 1, name: "Gitea and container registry" }),
  ).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Where it runs" })).toContainText(
    "CoulombCore→ CoulombCore Kubernetes→ namespace default · release gitea",
  );
  await expect(page.getByRole("region", { name: "Why it exists" })).toContainText(
    "OCI container registry",
  );
  const reached = page.getByRole("region", { name: "How it is reached" });
  await expect(reached).toContainText("https://gitea.coulomb.social/v2/");
  await reached.getByRole("link", { name: "Gitea OCI registry /v2/" }).click();

  const timeline = page.getByRole("list", { name: "Evidence timeline, newest first" });
  const t07 = timeline.getByRole("listitem").filter({ hasText: "Endpoint verified" });
  await expect(t07).toContainText("✓ pass");
  await expect(t07).toContainText("observed 5 months ago (2026-06-15 00:00 UTC) by HF-WP-0001 T07");
  await expect(t07.getByRole("time").first()).toHaveAttribute("title", "2026-06-15 00:00:00 UTC");
  // The technical fields fold under Details; nothing of the importer's bookkeeping shows before.
  expect(await t07.innerText()).not.toMatch(/seed ?key|live ?event ?id|SQL fallback|[{}]/i);
  const details = t07.getByRole("group");
  await t07.getByText("Details").click();
  await expect(details.getByText("railiance-apps/workplans/RAIL-AP-WP-0001")).toBeVisible();
  await expect(
    details.getByText("Docker-Distribution-Api-Version: registry/2.0", { exact: true }),
  ).toBeVisible();
  await expect(details).toContainText("Expected status401");
  await expect(details).toContainText("HF-WP-0001 T07 (operator, recorded by the SQL fallback)");
  // Observed in June: past the endpoint's one-day window.
  await expect(page.getByRole("main").getByText("stale").first()).toBeVisible();
});

test("filter the list to ops-endpoint in coulombcore, and share the view by URL", async ({
  page,
}) => {
  await page
    .getByRole("navigation", { name: "Sections" })
    .getByRole("link", { name: "Catalog" })
    .click();
  await page
    .getByRole("region", { name: "Type" })
    .getByRole("link", { name: /Endpoints/ })
    .click();
  await expect(page).toHaveURL(/type=ops-endpoint/);
  await page
    .getByRole("region", { name: "Environment" })
    .getByRole("link", { name: /CoulombCore/ })
    .click();
  await expect(page).toHaveURL(/type=ops-endpoint/);
  await expect(page).toHaveURL(/env=ops-env-coulombcore/);
  await expect(page.getByRole("heading", { name: "3 items" })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(4);
  await expect(page.getByRole("table")).toContainText("Gitea OCI registry /v2/");

  await page.goto(page.url());
  await expect(page.getByRole("heading", { name: "3 items" })).toBeVisible();
  await page.getByRole("link", { name: "Clear all filters" }).click();
  await expect(page.getByRole("heading", { name: /^\d+ items$/ })).not.toHaveText("3 items");
});

test("search finds items by metadata, and an empty result says so", async ({ page }) => {
  await page.goto("/catalog");
  await page.getByRole("searchbox", { name: "Search name, slug, metadata" }).fill("92.205.62.239");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("table")).toContainText("railiance01");
  await page
    .getByRole("searchbox", { name: "Search name, slug, metadata" })
    .fill("no-such-thing-anywhere");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("heading", { name: "No item matches these filters" })).toBeVisible();
});

test("open the gaps view", async ({ page }) => {
  await page
    .getByRole("navigation", { name: "Sections" })
    .getByRole("link", { name: "Gaps" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Gaps" })).toBeVisible();
  const noOwner = page.getByRole("region", { name: /No owner/ });
  await expect(noOwner).toContainText("State Hub");
  await noOwner.getByRole("link", { name: "State Hub", exact: true }).click();
  await expect(page).toHaveURL(/\/catalog\/ops-service-state-hub$/);
});

test("new evidence appears on an item page without a reload", async ({ page, request }) => {
  await page.goto("/catalog/ops-endpoint-gitea-web");
  const timeline = page.getByRole("list", { name: "Evidence timeline, newest first" });
  await expect(
    page.getByText("No evidence or annotations recorded for this item yet."),
  ).toBeVisible();
  await hubApi(request, "POST", "/interaction-events", {
    widgetId: await widgetId(request, "ops-endpoint-gitea-web"),
    eventType: "ops-endpoint-verified",
    viewContext: "e2e",
    metadata: { outcome: "pass", observer: "e2e probe", observedStatus: 200 },
  });
  await expect(timeline.getByRole("listitem").filter({ hasText: "by e2e probe" })).toBeVisible({
    timeout: 25_000,
  });
  // The list sees it too, once its snapshot caught up with the API client's write.
  await gotoShowing(page, "/catalog?type=ops-endpoint&env=ops-env-coulombcore&evidence=fresh", () =>
    expect(page.getByRole("table")).toContainText("Gitea web"),
  );
});

test("a broken reference shows as a warning, and an unknown slug as not found", async ({
  page,
  request,
}) => {
  const hubId = (await hubApi<{ id: string }>(request, "GET", "/hubs/ops-hub")).id;
  await hubApi(request, "POST", "/widgets", {
    hubId,
    widgetType: "ops-service",
    slug: "ops-service-e2e-orphan",
    name: "Orphan service",
    metadata: {
      environment: "ops-env-mars",
      purpose: "tests broken references",
      owner: { repo: "ops-hub" },
      tier: 7,
    },
  });
  await gotoShowing(page, "/catalog/ops-service-e2e-orphan", () =>
    expect(page.getByText("(broken reference: no such item)")).toBeVisible(),
  );
  await expect(page.getByText("invalid metadata: tier:")).toBeVisible();

  const missing = await page.goto("/catalog/ops-nothing-here");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("the inventory exports as Markdown and JSON", async ({ page }) => {
  const markdown = await page.request.get("/api/export/inventory?format=md");
  expect(markdown.headers()["content-type"]).toContain("text/markdown");
  const text = await markdown.text();
  expect(text).toContain("## CoulombCore");
  expect(text).toContain("`ops-service-gitea`");
  const json = (await (await page.request.get("/api/export/inventory?format=json")).json()) as {
    items: { slug: string }[];
  };
  expect(json.items.map((item) => item.slug)).toContain("ops-endpoint-gitea-registry");
});

test("catalog pages have no accessibility violations", async ({ page }) => {
  // axe takes 5–10 seconds per page on a busy 2-core machine; this walks many pages.
  test.setTimeout(240_000);
  for (const url of [
    "/",
    "/catalog",
    "/catalog?type=ops-endpoint&env=ops-env-coulombcore",
    "/catalog/ops-service-gitea",
    "/catalog/ops-endpoint-gitea-registry",
    "/catalog/ops-env-coulombcore",
    "/activity",
    "/gaps",
    "/topology",
  ]) {
    await page.goto(url);
    await expectAccessible(page);
  }
});
