import { expect, test } from "@playwright/test";
import { expectAccessible, SignInPage } from "./pages";

const BOARD = "/migrations/ops-migration-coulombcore-to-threephoenix";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("home opens with what needs attention: the wave's NO-GO and the gates that hold it, counts by state", async ({
  page,
}) => {
  const attention = page.getByRole("region", { name: "Needs attention" });
  const wave = attention.getByRole("listitem").filter({ hasText: "CoulombCore → ThreePhoenix" });
  await expect(wave.getByText("NO-GO")).toBeVisible();
  await expect(wave).toContainText("8 of 8 gates hold it");
  const holding = wave.getByRole("list", { name: "What holds CoulombCore → ThreePhoenix" });
  await expect(holding.getByRole("listitem")).toHaveCount(8);
  await expect(holding.getByRole("link", { name: "Rollback path is documented" })).toHaveAttribute(
    "href",
    `${BOARD}#gate-ops-readiness-rollback`,
  );
  // The seed's one piece of evidence is five months old: one stale item stands out, the zeros are dimmed alike.
  const look = (name: string) =>
    attention
      .getByRole("link", { name })
      .evaluate((link) => [getComputedStyle(link).color, getComputedStyle(link).fontWeight]);
  const zero = await look("0 failing items");
  expect(await look("0 overdue signals")).toEqual(zero);
  expect(await look("0 risk acceptances expiring within 14 days")).toEqual(zero);
  const stale = await look("1 stale items");
  expect(stale[0]).not.toBe(zero[0]);
  expect(Number(stale[1])).toBeGreaterThan(Number(zero[1]));
  await expect(attention).toContainText("Gitea OCI registry /v2/");
  await expectAccessible(page);
});

test('"gitea" puts the Gitea service first, in the palette and in the catalog', async ({
  page,
}) => {
  await page.keyboard.press("Control+k");
  await page.getByRole("combobox", { name: "Find an item by name or slug" }).fill("gitea");
  const options = page.getByRole("listbox", { name: "Matching items" }).getByRole("option");
  await expect(options.first()).toContainText("Gitea and container registry");
  await expect(options.first()).toContainText("Service · CoulombCore");
  await page.keyboard.press("Escape");

  await page.goto("/catalog?q=gitea");
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.nth(1)).toContainText("Gitea and container registry");
  await expect(rows.nth(1)).toContainText("Service");
  await expect(page.getByText("Best matches first")).toBeVisible();
});

test("the catalog opens with services, names types in words, and draws no empty strips", async ({
  page,
}) => {
  await page.goto("/catalog");
  await expect(page.getByText("Services first, then each type by name")).toBeVisible();
  const firstRow = page.getByRole("table").getByRole("row").nth(1);
  await expect(firstRow).toContainText("Service");
  await expect(page.getByRole("region", { name: "Type" }).getByRole("link").first()).toHaveText(
    /^Services\s*\d+$/,
  );
  await expect(page.getByRole("region", { name: "Type" })).not.toContainText("ops-");
  // The seed has no evidence within 30 days: no bar is drawn, each row says so in words.
  await expect(page.getByRole("img", { name: /^Last 30 days/ })).toHaveCount(0);
  await expect(page.getByText("no evidence in the last 30 days").first()).toBeAttached();
});

test("a service page opens with its health: each endpoint's latest signal, outcome, age and date", async ({
  page,
}) => {
  await page.goto("/catalog/ops-service-gitea");
  const health = page.getByRole("region", { name: "Health" });
  // The first section of the page.
  await expect(page.getByRole("region").first()).toHaveAccessibleName("Health");
  const registry = health.getByRole("row").filter({ hasText: "Gitea OCI registry /v2/" });
  await expect(registry).toContainText("https://gitea.coulomb.social/v2/");
  await expect(registry).toContainText("stale");
  await expect(registry).toContainText(
    "Endpoint verified: pass, 5 months ago (2026-06-15 00:00 UTC)",
  );
  await expect(health.getByRole("row").filter({ hasText: "Gitea web" })).toContainText(
    "no signal yet",
  );
  // Not "no evidence": the service's health is its endpoints'.
  const header = page.getByRole("heading", { level: 1 }).locator("..").locator("..");
  await expect(header).toContainText("stale");
  await expect(header).toContainText("newest signal 5 months ago (2026-06-15 00:00 UTC)");

  const facts = page.getByRole("region", { name: "Facts" });
  await expect(facts).toContainText("Owner");
  await expect(facts).toContainText("Reporailiance-apps");
  expect(await facts.innerText()).not.toMatch(/[{}]|seed ?key|source/i);
  await expectAccessible(page);
});

test("the board opens with its status summary and the reasons of failing gates, time travel folded", async ({
  page,
}) => {
  await page.goto(BOARD);
  const summary = page.getByRole("region", { name: "Status of the gates" });
  await expect(summary).toContainText("0 passed · 8 failing");
  await expect(summary).toContainText("8 gates hold the wave: gate 1, 2, 3, 4, 5, 6, 7, 8.");
  await expect(
    summary.getByRole("link", { name: /^Gate 7, Rollback path is documented/ }),
  ).toHaveAttribute("href", "#gate-ops-readiness-rollback");
  const gates = page.getByRole("list", { name: "Readiness gates, in order" });
  await expect(gates.getByText("Why failing?")).toHaveCount(8);
  for (const why of await gates.getByRole("group").all())
    await expect(why).toHaveAttribute("open", "");
  await expect(page.getByLabel("Board as of (UTC)")).toBeHidden();
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
});
