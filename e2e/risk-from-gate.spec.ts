import { expect, test } from "@playwright/test";
import { expectAccessible, hubApi, PresentMode, SignInPage } from "./pages";

/** "Accept risk…" where it hurts: on a failing gate, one form raises the risk and accepts it. */
const WAVE = "ops-migration-coulombcore-to-threephoenix";
const BOARD = `/migrations/${WAVE}`;
const GATE = "DNS and TLS are codified";
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("an approver accepts a failing gate's risk from its card in one step, and the board shows it by name", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await page.goto(BOARD);
  const card = page
    .getByRole("list", { name: "Readiness gates, in order" })
    .getByRole("listitem")
    .filter({ hasText: GATE });
  await expect(card.getByText(/^(failing|stale)$/)).toBeVisible();
  const status = await card
    .getByText(/^(failing|stale)$/)
    .first()
    .innerText();
  await card.getByRole("button", { name: "Accept risk…" }).click();
  const dialog = page.getByRole("dialog", { name: `Accept the risk of “${GATE}”` });
  await expect(dialog).toBeVisible();
  // The gate and its policy scope come filled in.
  await expect(dialog.getByLabel("Risk", { exact: true })).toHaveValue(`“${GATE}” is ${status}`);
  await expect(dialog.getByLabel("Policy scope", { exact: true })).toHaveValue("ops-threephoenix");
  const covers = dialog.getByRole("group", { name: "Covers" });
  await expect(covers.getByLabel(GATE)).toBeChecked();
  await expect(covers).toContainText(`1 chosen: ${GATE}`);
  await expectAccessible(page);

  await dialog.getByLabel("Risk", { exact: true }).fill("DNS and TLS not yet in Git");
  await dialog.getByLabel("Severity").selectOption("high");
  await dialog.getByLabel("Likelihood").selectOption("possible");
  await dialog.getByLabel("Expires on").fill(inDays(21));
  await dialog.getByLabel("Justification").fill("later");
  // Past the browser's own checks: the server refuses, and nothing typed or chosen is lost.
  await dialog.evaluate((element) => element.querySelector("form")!.setAttribute("novalidate", ""));
  await dialog.getByRole("button", { name: "Raise and accept risk" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Some fields need attention.");
  await expect(dialog).toContainText("The justification needs at least 20 characters");
  await expect(dialog.getByLabel("Risk", { exact: true })).toHaveValue(
    "DNS and TLS not yet in Git",
  );
  await expect(dialog.getByLabel("Severity")).toHaveValue("high");
  await expect(dialog.getByLabel("Likelihood")).toHaveValue("possible");
  await expect(dialog.getByLabel("Policy scope", { exact: true })).toHaveValue("ops-threephoenix");
  await expect(dialog.getByLabel("Expires on")).toHaveValue(inDays(21));
  await expect(covers.getByLabel(GATE)).toBeChecked();
  const risks = async () =>
    (
      await hubApi<{ data: { name: string }[] }>(
        request,
        "GET",
        "/widgets?hub=ops-hub&widget_type=ops-risk&per_page=100",
      )
    ).data.filter((risk) => risk.name === "DNS and TLS not yet in Git");
  expect(await risks()).toHaveLength(0);

  await dialog
    .getByLabel("Justification")
    .fill("The zone files move to Git with the cluster; CoulombCore keeps serving DNS until then.");
  await dialog.getByRole("button", { name: "Raise and accept risk" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("risk accepted");
  await expect(card).toContainText(`(evidence: ${status})`);
  await expect(card.getByRole("button", { name: "Accept risk…" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: /Accepted risks/ })).toContainText(
    `DNS and TLS not yet in Git covers ${GATE}`,
  );
  expect(await risks()).toHaveLength(1);
  await expectAccessible(page);
});

test("present mode offers the same form on a failing gate, by key", async ({ page }) => {
  const present = new PresentMode(page);
  await present.goto(WAVE, 3);
  await expect(present.currentGateName()).toHaveText(/^Git hosting and container registry/);
  await expect(page.getByRole("contentinfo")).toContainText("a accept risk");
  await page.keyboard.press("a");
  const dialog = page.getByRole("dialog", { name: /Accept the risk of “Git hosting/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Policy scope", { exact: true })).toHaveValue("ops-registry");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  // The keys work again once it is closed.
  await page.keyboard.press("ArrowRight");
  await expect(present.currentGateName()).toHaveText(/^Persistent data stores/);
});
