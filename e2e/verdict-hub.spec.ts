import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config";
import { startAppServer, type AppServer } from "../scripts/app-server.mjs";
import { bootstrapSynHub, hubApi, openAccountMenu } from "./pages";

/**
 * A review verdict lands in the hub the reviewer is looking at, not in the
 * configured one. A second ops-hub instance uses this run's server as its
 * remote Inter-Hub, configured for syn-hub (with syn-hub's key) and holding
 * ops-hub's key too; a reviewer there switches to ops-hub and records a
 * verdict. Written with the configured hub's key, it would be refused.
 */
const WAVE = "ops-migration-coulombcore-to-threephoenix";
const PASSWORD = "second-instance-admin-pw";
let second: AppServer | undefined;

test.afterAll(async () => {
  await second?.stop();
});

test("a verdict recorded while viewing another hub than the configured one lands in that hub", async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "ops-hub-e2e-second-"));
  mkdirSync(path.join(dataDir, "keys"), { mode: 0o700 });
  writeFileSync(
    path.join(dataDir, "keys", "ops-hub-runtime.key"),
    readFileSync(path.join(E2E_DATA_DIR, "keys", "ops-hub-runtime.key")),
    { mode: 0o600 },
  );
  const synKeyFile = path.join(dataDir, "syn-hub-runtime.key");
  await bootstrapSynHub(baseURL!, synKeyFile);
  second = await startAppServer({
    name: "e2e-second",
    dataDir,
    env: {
      INTERHUB_URL: baseURL!,
      OPS_HUB_HUB_SLUG: "syn-hub",
      OPS_HUB_KEY_FILE: synKeyFile,
      OPS_HUB_ADMIN_PASSWORD: PASSWORD,
    },
  });

  const context = await browser.newContext({ baseURL: second.url });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await openAccountMenu(page);
  await expect(page.getByLabel("Show hub")).toHaveValue("syn-hub");
  await page.getByLabel("Show hub").selectOption("ops-hub");
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page.getByText("Every item of the ops-hub hub")).toBeVisible();

  await page.goto(`/migrations/${WAVE}/present?gate=1`);
  const review = page.getByRole("region", { name: /Review/ });
  await review.getByRole("button", { name: "Start review" }).click();
  await expect(review.getByRole("heading", { name: "Review in progress" })).toBeVisible();
  const note = `verdict from a second instance ${Date.now()}`;
  await review.getByLabel(/Note on/).fill(note);
  await review.getByRole("button", { name: "Pass" }).click();
  await expect(review.getByText(/^Recorded pass for/)).toBeVisible();

  const { data } = await hubApi<{ data: { metadata: { note?: string } }[] }>(
    request,
    "GET",
    "/interaction-events?hub=ops-hub&event_type=ops-migration-gate-passed&per_page=200",
  );
  expect(data.map((event) => event.metadata.note)).toContain(note);

  // The review's summary reads its verdicts from the same hub.
  await review.getByRole("button", { name: "End review" }).click();
  // One gate of the wave has a verdict: ending warns about the others first.
  await page.getByRole("button", { name: "End review anyway" }).click();
  const summary = page.getByRole("dialog", { name: "Review summary" });
  await expect(summary.getByLabel("Review summary as Markdown")).toContainText(note);
  await context.close();
});
