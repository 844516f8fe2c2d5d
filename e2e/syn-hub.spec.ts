import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config";
import { bootstrapSynHub, dataFile, expectAccessible, openAccountMenu, SignInPage } from "./pages";

/**
 * A second VSM hub from a profile alone: `npx ops-hub bootstrap` puts syn-hub
 * into the running embedded hub and keeps its runtime key where the app looks
 * for hub keys; the header then offers a hub switcher, and the unchanged
 * catalog and item pages show syn-hub.
 */
test("bootstrap syn-hub with the CLI, switch to it, and browse its catalog", async ({
  page,
  baseURL,
}) => {
  // A CLI run, a dozen pages and an axe run: on a busy 2-core machine, more than 30 s.
  test.setTimeout(90_000);
  const run = await bootstrapSynHub(
    baseURL!,
    path.join(E2E_DATA_DIR, "keys", "syn-hub-runtime.key"),
  );
  expect(run.stdout).toContain("created hub syn-hub (Sync Hub)");
  expect(run.stdout).not.toContain(dataFile("keys", "syn-hub-runtime.key").slice(13));

  await new SignInPage(page).signInAsAdmin();
  await openAccountMenu(page);
  const hubChoice = page.getByLabel("Show hub");
  await expect(hubChoice).toHaveValue("ops-hub");
  await expect(hubChoice.getByRole("option")).toHaveText(["Ops Hub (OPS)", "Sync Hub (SYN)"]);
  await hubChoice.selectOption("syn-hub");
  await page.getByRole("button", { name: "Switch" }).click();

  await expect(page).toHaveURL(/\/catalog$/);
  await expect(await openAccountMenu(page)).toContainText("syn-hub · embedded Inter-Hub");
  await page.keyboard.press("Escape");
  await expect(page.getByText("Every item of the syn-hub hub")).toBeVisible();
  await expect(page.getByText("7 items")).toBeVisible();
  await expect(page.getByRole("region", { name: "Type" })).toContainText("Operational units");
  await expectAccessible(page);

  await page.getByRole("link", { name: "CoulombCore → ThreePhoenix migration" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "CoulombCore → ThreePhoenix migration" }),
  ).toBeVisible();
  await expect(page.getByText("Workstream", { exact: true })).toBeVisible();
  await expect(page.getByText("seed data")).toBeVisible();

  const timeline = page.getByRole("list", { name: "Evidence timeline, newest first" });
  await page.goto("/catalog/syn-board-railiance");
  await expect(timeline.getByRole("listitem").filter({ hasText: "Unit registered" })).toHaveCount(
    1,
  );

  // ops-hub's items are not in syn-hub, and back on ops-hub they are.
  expect((await page.goto("/catalog/ops-service-gitea"))?.status()).toBe(404);
  await openAccountMenu(page);
  await page.getByLabel("Show hub").selectOption("ops-hub");
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByText("Every item of the ops-hub hub")).toBeVisible();
  await page.goto("/catalog/ops-service-gitea");
  await expect(
    page.getByRole("heading", { level: 1, name: "Gitea and container registry" }),
  ).toBeVisible();
});
