import { expect, test } from "@playwright/test";
import { expectAccessible, SignInPage } from "./pages";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test('find "state hub" from the palette, by keyboard alone', async ({ page }) => {
  await page.keyboard.press("Control+k");
  const input = page.getByRole("combobox", { name: "Find an item by name or slug" });
  await expect(input).toBeFocused();
  await input.pressSequentially("state hub");
  const options = page.getByRole("listbox", { name: "Matching items" }).getByRole("option");
  await expect(options.first()).toContainText("State Hub");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/catalog\/ops-service-state-hub$/);
  await expect(page.getByRole("heading", { level: 1, name: "State Hub" })).toBeVisible();
});

test("the palette says when nothing matches, and Escape closes it", async ({ page }) => {
  await page.getByRole("button", { name: /Search/ }).click();
  const input = page.getByRole("combobox", { name: "Find an item by name or slug" });
  await input.fill("zzz-nothing");
  await expect(page.getByText(/No item matches/)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(input).toBeHidden();
});

test("the topology nests environments, hosts and clusters, services and endpoints, and focuses on one item", async ({
  page,
}) => {
  // Two pages and an axe run: on a busy 2-core machine, more than the default 30 s.
  test.setTimeout(60_000);
  await page
    .getByRole("navigation", { name: "Sections" })
    .getByRole("link", { name: "Topology" })
    .click();
  const main = page.getByRole("main");
  await expect(main.getByRole("region", { name: "CoulombCore" })).toContainText(
    "1 host · 1 cluster · 3 services · 3 endpoints",
  );
  await page.goto("/topology?open=all");
  await expect(
    main.getByRole("link", { name: "Gitea and container registry", exact: true }),
  ).toBeVisible();
  await expect(
    main.getByRole("link", { name: "Gitea OCI registry /v2/", exact: true }),
  ).toBeVisible();
  await main.getByRole("link", { name: "Focus on Gitea and container registry" }).click();
  await expect(page).toHaveURL(/focus=ops-service-gitea/);
  await expect(main.getByRole("link", { name: "CoulombCore Kubernetes" }).first()).toBeVisible();
  await expect(main.getByRole("link", { name: "Inter-Hub", exact: true }).first()).toBeVisible();
  await expect(main.getByRole("link", { name: "State Hub", exact: true })).toHaveCount(0);
  await expectAccessible(page);
});
