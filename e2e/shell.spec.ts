import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, SignInPage } from "./pages";

const BOARD = "/migrations/ops-migration-coulombcore-to-threephoenix";
const PHONE = { width: 390, height: 844 };
// Several tests end with an axe run: 5–15 seconds on a busy 2-core machine.
test.describe.configure({ timeout: 60_000 });
/** Where the screenshots of this spec go, named by page and viewport. */
const SCREENSHOTS = path.resolve(".tmp/screenshots");

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

/** The vertical position of every section link: one row means one value. */
const navLinkTops = (page: Page) =>
  page
    .getByRole("navigation", { name: "Sections" })
    .getByRole("link")
    .evaluateAll((links) => links.map((link) => (link as HTMLElement).offsetTop));

for (const width of [1280, 1440, 1920]) {
  test(`the navigation is one row at ${width} px, Admin and the hub label in the account menu`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/");
    const tops = await navLinkTops(page);
    expect(tops).toHaveLength(7);
    expect(new Set(tops).size).toBe(1);
    const header = page.getByRole("banner");
    await expect(header.getByRole("link", { name: "Admin" })).toBeHidden();
    await expect(header.getByText("embedded Inter-Hub")).toBeHidden();
    await page.getByRole("button", { name: "Account: admin (admin)" }).click();
    const account = page.getByRole("region", { name: "Account" });
    await expect(account.getByRole("link", { name: "Admin" })).toBeVisible();
    await expect(account).toContainText("ops-hub · embedded Inter-Hub");
  });
}

test("on a phone one Menu button holds the sections: it says whether it is open, takes focus in, and Escape closes it", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Sections" })).toBeHidden();
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  const header = await page.getByRole("banner").boundingBox();
  // One short line, not a quarter of the screen.
  expect(header!.height).toBeLessThanOrEqual(64);

  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const panel = page.getByRole("region", { name: "Menu" });
  const sections = panel.getByRole("navigation", { name: "Sections" });
  await expect(sections.getByRole("link", { name: "Overview" })).toBeFocused();
  await expect(panel.getByRole("link", { name: "Admin" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  await menu.click();
  await sections.getByRole("link", { name: "Catalog" }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole("region", { name: "Menu" })).toBeHidden();
  await expectAccessible(page);
});

test("nothing scrolls sideways on a phone: home, board, catalog, a service", async ({ page }) => {
  await page.setViewportSize(PHONE);
  for (const url of ["/", BOARD, "/catalog", "/catalog/ops-service-gitea"]) {
    await page.goto(url);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, url).toBeLessThanOrEqual(innerWidth);
  }
});

test("screenshots of home and the board, wide and on a phone", async ({ page }) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const size of [{ width: 1920, height: 1080 }, PHONE]) {
    await page.setViewportSize(size);
    for (const [name, url] of [
      ["home", "/"],
      ["board", BOARD],
    ] as const) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.screenshot({
        path: path.join(SCREENSHOTS, `${name}-${size.width}x${size.height}.png`),
      });
    }
  }
});

test("the favicon and app icons answer, signed in or not", async ({ page, browser }) => {
  const anonymous = await browser.newContext();
  for (const context of [page.context(), anonymous]) {
    for (const [url, type] of [
      ["/favicon.ico", "image/x-icon"],
      ["/icon.svg", "image/svg+xml"],
      ["/apple-icon.png", "image/png"],
    ] as const) {
      const response = await context.request.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBe(200);
      expect(response.headers()["content-type"]).toContain(type);
    }
  }
  await anonymous.close();
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]')).toHaveCount(2);
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);
});

test("a missing page has one <main> and no accessibility violations, in the app or outside it", async ({
  page,
}) => {
  // Three axe runs.
  test.setTimeout(90_000);
  for (const url of ["/no-such-page", "/catalog/ops-nothing-here", "/migrations/no-such-wave"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    await expect(page.getByRole("main")).toHaveCount(1);
    await expectAccessible(page);
  }
});
