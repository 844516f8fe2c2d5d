import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";
import { ensureWidget, expectAccessible, gotoShowing, hubApi, SignInPage, widgetId } from "./pages";

const BOARD = "/migrations/ops-migration-coulombcore-to-threephoenix";
// Each test ends with an axe run: 5–15 seconds on a busy 2-core machine.
test.describe.configure({ timeout: 60_000 });

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

/** An endpoint whose latest signal failed, so the home page has a failing item to show. */
async function ensureFailingEndpoint(request: APIRequestContext) {
  const slug = "ops-endpoint-e2e-failing";
  const made = await ensureWidget(request, {
    widgetType: "ops-endpoint",
    slug,
    name: "E2E failing endpoint",
    metadata: {
      service: "ops-service-state-hub",
      url: "https://e2e.invalid/",
      exposure: "internal",
    },
  });
  if (!made) return;
  await hubApi(request, "POST", "/interaction-events", {
    widgetId: await widgetId(request, slug),
    eventType: "ops-endpoint-verified",
    viewContext: "e2e",
    metadata: { outcome: "fail", observer: "e2e probe", observedStatus: 503 },
  });
}

test("home opens with what needs attention: the wave's NO-GO and the gates that hold it, counts by state", async ({
  page,
  request,
}) => {
  await ensureFailingEndpoint(request);
  const attention = page.getByRole("region", { name: "Needs attention" });
  await gotoShowing(page, "/", () => expect(attention).toContainText("E2E failing endpoint"));
  const wave = attention.getByRole("listitem").filter({ hasText: "CoulombCore → ThreePhoenix" });
  await expect(wave.getByText("NO-GO")).toBeVisible();
  const held = Number((await wave.innerText()).match(/(\d+) of 8 gates hold it/)?.[1]);
  expect(held).toBeGreaterThan(0);
  const holding = wave.getByRole("list", { name: "What holds CoulombCore → ThreePhoenix" });
  await expect(holding.getByRole("listitem")).toHaveCount(held);
  await expect(holding.getByRole("link").first()).toHaveAttribute(
    "href",
    new RegExp(`^${BOARD}#gate-ops-readiness-`),
  );

  // A count that is not zero stands out in its state's colour; zeros are dimmed alike.
  const look = (count: Locator) =>
    count.evaluate((link) => [getComputedStyle(link).color, getComputedStyle(link).fontWeight]);
  const failing = await look(attention.getByRole("link", { name: /^[1-9]\d* failing items$/ }));
  const threePhoenix = page.getByRole("article").filter({ hasText: "ThreePhoenix production" });
  const zeroFailing = await look(threePhoenix.getByRole("link", { name: /0 failing/ }));
  const zeroFresh = await look(threePhoenix.getByRole("link", { name: /0 fresh/ }));
  expect(zeroFresh).toEqual(zeroFailing);
  expect(failing[0]).not.toBe(zeroFailing[0]);
  expect(Number(failing[1])).toBeGreaterThan(Number(zeroFailing[1]));
  for (const tile of ["stale items", "overdue signals", "risk acceptances expiring within 14 days"])
    await expect(attention.getByRole("link", { name: new RegExp(`^\\d+ ${tile}$`) })).toBeVisible();
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
  // Runbooks carry no evidence: no bar is drawn, each row says so in words.
  await page.goto("/catalog?type=ops-runbook");
  const rows = page.getByRole("table").getByRole("row");
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(page.getByRole("img", { name: /^Last 30 days/ })).toHaveCount(0);
  await expect(page.getByText("no evidence in the last 30 days")).toHaveCount(
    (await rows.count()) - 1,
  );
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
  await expect(health.getByRole("row").filter({ hasText: "Gitea NodePort 32166" })).toContainText(
    "no signal yet",
  );
  // Not "no evidence": the service's health is its endpoints'.
  const header = page.getByRole("heading", { level: 1 }).locator("..").locator("..");
  await expect(header).not.toContainText("no evidence");
  // Earlier specs may have recorded evidence a moment ago.
  await expect(header).toContainText(
    /newest signal (just now|.+ ago) \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/,
  );

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
  const line = await summary.getByRole("paragraph").first().innerText();
  expect(line).toMatch(/^\d+ passed( · \d+ (risk accepted|stale|failing|blocked|unknown))*$/);
  const counts = [...line.matchAll(/(\d+) /g)].map((match) => Number(match[1]));
  expect(counts.reduce((sum, count) => sum + count, 0)).toBe(8);
  await expect(summary).toContainText(/\d+ gates? holds? the wave: gate \d/);
  await expect(summary.getByRole("link").first()).toHaveAttribute("href", /^#gate-ops-readiness-/);

  const gates = page
    .getByRole("list", { name: "Readiness gates, in order" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading") });
  await expect(gates).toHaveCount(8);
  let opened = 0;
  for (const gate of await gates.all()) {
    const why = gate.getByRole("group");
    const status = (await why.getByText(/^Why /).innerText()).replace(/^Why |\?$/g, "");
    if (status === "failing" || status === "blocked") {
      await expect(why).toHaveAttribute("open", "");
      opened += 1;
    } else await expect(why).not.toHaveAttribute("open");
  }
  expect(opened).toBeGreaterThan(0);
  await expect(page.getByLabel("Board as of (UTC)")).toBeHidden();
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
});
