import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, hubApi, SignInPage, widgetId } from "./pages";

const REGISTRY = "/catalog/ops-endpoint-gitea-registry";
const BOARD = "/migrations/ops-migration-coulombcore-to-threephoenix";
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

async function annotations(request: Page["request"], slug: string) {
  const id = await widgetId(request, slug);
  return (
    await hubApi<{ data: { body: string; category: string }[] }>(
      request,
      "GET",
      `/annotations?hub=ops-hub&widget_id=${id}`,
    )
  ).data;
}

test("annotate the Gitea registry endpoint with ops-backup-gap, then resolve it", async ({
  page,
}) => {
  await page.goto(REGISTRY);
  const form = page.getByRole("form", { name: "Annotate this item" });
  await form.getByLabel("Category").selectOption("ops-backup-gap");
  await form.getByLabel("Note").fill("Registry blobs on gitea-shared-storage have no backup.");
  await form.getByRole("button", { name: "Record annotation" }).click();
  await expect(form.getByRole("status")).toHaveText("Annotation recorded.");

  await page.reload();
  const open = page
    .getByRole("region", { name: "Annotations" })
    .getByRole("listitem")
    .filter({ hasText: "Registry blobs" });
  await expect(open).toContainText("ops-backup-gap");
  await open.getByLabel("How it was resolved (optional)").fill("Nightly restic job added");
  await open.getByRole("button", { name: "Resolve" }).click();
  // The page refreshes itself: the resolved annotation leaves the open list.
  await expect(
    page.getByRole("region", { name: "Annotations" }).getByText("Registry blobs"),
  ).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Evidence timeline, newest first" })).toContainText(
    "Resolved: Nightly restic job added",
  );
});

test("a field error keeps what was typed, and text is shown, never run", async ({ page }) => {
  page.on("dialog", () => {
    throw new Error("a script ran");
  });
  await page.goto(REGISTRY);
  const form = page.getByRole("form", { name: "Annotate this item" });
  await form.getByLabel("Note").fill("<script>alert(1)</script><img src=x onerror=alert(2)>");
  await form.getByLabel("Link (optional)").fill("javascript:alert(3)");
  // Past the browser's own checks, to see what the server says.
  await form.evaluate((element) => element.setAttribute("novalidate", ""));
  await form.getByRole("button", { name: "Record annotation" }).click();
  await expect(form.getByRole("status")).toHaveText("Some fields need attention.");
  await expect(form.getByText("Choose a category")).toBeVisible();
  await expect(form.getByText("The link must be an http(s) address")).toBeVisible();
  await expect(form.getByLabel("Note")).toHaveValue(
    "<script>alert(1)</script><img src=x onerror=alert(2)>",
  );

  await form.getByLabel("Category").selectOption("ops-security-gap");
  await form.getByLabel("Link (optional)").fill("");
  await form.getByRole("button", { name: "Record annotation" }).click();
  await expect(form.getByRole("status")).toHaveText("Annotation recorded.");
  await page.reload();
  await expect(
    page
      .getByRole("region", { name: "Annotations" })
      .getByText("<script>alert(1)</script><img src=x onerror=alert(2)>"),
  ).toBeVisible();
});

test("a replayed form writes once", async ({ page }) => {
  await page.goto("/catalog/ops-host-railiance01");
  const form = page.getByRole("form", { name: "Annotate this item" });
  await form.getByLabel("Category").selectOption("ops-drift");
  await form.getByLabel("Note").fill("Replay me: kernel differs from the runbook.");
  const posted = page.waitForRequest(
    (request) => request.method() === "POST" && request.url().includes("/catalog/"),
  );
  await form.getByRole("button", { name: "Record annotation" }).click();
  const request = await posted;
  await expect(form.getByRole("status")).toHaveText("Annotation recorded.");
  const replay = await page.request.fetch(request.url(), {
    method: "POST",
    headers: await request.allHeaders(),
    data: request.postDataBuffer()!,
  });
  expect(replay.status()).toBeLessThan(500);
  const written = (await annotations(page.request, "ops-host-railiance01")).filter((a) =>
    a.body.startsWith("Replay me"),
  );
  expect(written).toHaveLength(1);
});

test("an approver accepts a risk on a failing gate, and the board shows it accepted until the date", async ({
  page,
}) => {
  await page.goto("/risks");
  const raise = page.getByRole("form", { name: "Raise a risk" });
  await raise.getByLabel("Title").fill("Target services not catalogued yet");
  await raise.getByLabel("Severity").selectOption("high");
  await raise.getByLabel("Likelihood").selectOption("likely");
  await raise.getByLabel("Policy scope", { exact: true }).selectOption("ops-threephoenix");
  const appliesTo = raise.getByRole("group", { name: "Applies to" });
  const search = appliesTo.getByLabel("Search applies to by name");
  await search.fill("service catalog");
  await appliesTo
    .getByLabel("Service catalog entries exist for the live and target production services")
    .check();
  // Items are not shipped with the page: the server finds them as a name is typed, and a
  // chosen one stays chosen whatever is typed next.
  await expect(appliesTo.getByLabel("Gitea and container registry")).toHaveCount(0);
  await search.fill("gitea contain");
  await appliesTo.getByLabel("Gitea and container registry").check();
  await search.fill("");
  await expect(appliesTo).toContainText(
    "2 chosen: Service catalog entries exist for the live and target production services, Gitea and container registry",
  );
  await raise.getByRole("button", { name: "Raise risk" }).click();
  await expect(raise.getByRole("status")).toHaveText(
    "Risk “Target services not catalogued yet” raised.",
  );
  await expect(
    page.getByRole("region", { name: "Register" }).getByRole("listitem").filter({
      hasText: "Target services not catalogued yet",
    }),
  ).toContainText(
    "Applies to: Service catalog entries exist for the live and target production services, Gitea and container registry",
  );

  await page.reload();
  const accept = page.getByRole("form", { name: "Accept a risk" });
  await accept.getByLabel("Risk").selectOption({ label: "Target services not catalogued yet" });
  await accept
    .getByLabel("Justification")
    .fill(
      "The target catalogue follows the first ThreePhoenix deploy; CoulombCore stays primary until then.",
    );
  await accept.getByLabel("Policy scope", { exact: true }).selectOption("ops-transitional-prod");
  await accept.getByLabel("Expires on").fill(inDays(30));
  await accept
    .getByRole("group", { name: "Covers" })
    .getByLabel("Service catalog entries exist for the live and target production services")
    .check();
  await accept.getByRole("button", { name: "Accept risk" }).click();
  await expect(accept.getByRole("status")).toHaveText(
    `Risk accepted until ${inDays(30)}, signed by admin.`,
  );

  await page.goto(BOARD);
  const gate = page
    .getByRole("list", { name: "Readiness gates, in order" })
    .getByRole("listitem")
    .filter({ hasText: "Service catalog entries exist" });
  await expect(gate).toContainText("risk accepted");
  await expect(gate).toContainText("(evidence: failing)");
  await expect(page.getByRole("region", { name: /Accepted risks/ })).toContainText(
    /expires in (30|31) days/,
  );
});

test("an acceptance made while Inter-Hub fails waits to sync, then arrives", async ({ page }) => {
  await page.goto("/risks");
  const accept = page.getByRole("form", { name: "Accept a risk" });
  await expect(accept.getByLabel("Risk")).toBeVisible();
  expect((await page.request.post("/api/test/hub-faults", { data: { failing: true } })).ok()).toBe(
    true,
  );
  try {
    await accept.getByLabel("Risk").selectOption({ label: "Target services not catalogued yet" });
    await accept
      .getByLabel("Justification")
      .fill(
        "Cluster rebuild is scheduled; we accept the gap for two weeks while the runbook is written.",
      );
    await accept.getByLabel("Policy scope", { exact: true }).selectOption("ops-threephoenix");
    await accept.getByLabel("Expires on").fill(inDays(14));
    await accept
      .getByRole("group", { name: "Covers" })
      .getByLabel("Cluster runtime and platform services are recreated through Railiance repos")
      .check();
    await accept.getByRole("button", { name: "Accept risk" }).click();
    await expect(accept.getByRole("status")).toContainText("Saved, waiting to sync");
    await page.goto("/risks");
    await expect(page.getByRole("region", { name: /Waiting to sync/ })).toContainText(
      "acceptance of “Target services not catalogued yet”",
    );
  } finally {
    await page.request.post("/api/test/hub-faults", { data: { failing: false } });
  }
  await expect(async () => {
    await page.goto(BOARD);
    const gate = page
      .getByRole("list", { name: "Readiness gates, in order" })
      .getByRole("listitem")
      .filter({ hasText: "Cluster runtime and platform services" });
    await expect(gate).toContainText("risk accepted", { timeout: 1000 });
  }).toPass({ timeout: 40_000 });
});

test("a refused acceptance keeps every value, and each message stands on its own line", async ({
  page,
}) => {
  await page.goto("/risks");
  const accept = page.getByRole("form", { name: "Accept a risk" });
  const covers = accept.getByRole("group", { name: "Covers" });
  const justification = accept.getByLabel("Justification");
  await accept.getByLabel("Risk").selectOption({ label: "Target services not catalogued yet" });
  await accept.getByLabel("Policy scope", { exact: true }).selectOption("ops-threephoenix");
  await accept.getByLabel("Expires on").fill(inDays(20));
  await covers.getByLabel("Search covers by name").fill("rollback");
  await covers.getByLabel("Rollback path is documented").check();
  await expect(covers.getByLabel("DNS and TLS are codified")).toBeHidden();
  await covers.getByLabel("Search covers by name").fill("");
  await covers.getByLabel("DNS and TLS are codified").check();
  await expect(covers).toContainText(
    "2 chosen: DNS and TLS are codified, Rollback path is documented",
  );
  await expect(justification).toHaveAttribute("maxlength", "5000");
  await justification.fill("too short");
  await expect(accept).toContainText("9 / 5,000 characters");

  // Past the browser's own checks, to see what the server says.
  await accept.evaluate((form) => form.setAttribute("novalidate", ""));
  await accept.getByRole("button", { name: "Accept risk" }).click();
  await expect(accept.getByRole("status")).toHaveText("Some fields need attention.");
  const errors = accept.locator("[id$='-error']").filter({ hasText: "The justification" });
  await expect(errors.locator("span")).toHaveText([
    "The justification needs at least 20 characters",
    "The justification needs at least a sentence",
  ]);
  await expect(accept.getByLabel("Risk")).toHaveValue(/ops-risk-target-services/);
  await expect(accept.getByLabel("Policy scope", { exact: true })).toHaveValue("ops-threephoenix");
  await expect(accept.getByLabel("Expires on")).toHaveValue(inDays(20));
  await expect(justification).toHaveValue("too short");
  await expect(covers.getByLabel("Rollback path is documented")).toBeChecked();
  await expect(covers.getByLabel("DNS and TLS are codified")).toBeChecked();

  // Too long for the server too: the limit the counter shows is the server's.
  await justification.evaluate((field) => field.removeAttribute("maxlength"));
  await justification.fill(`We accept this for now. ${"x".repeat(5000)}`);
  await accept.getByRole("button", { name: "Accept risk" }).click();
  await expect(accept).toContainText("The justification is at most 5000 characters");
  await expect(accept.getByLabel("Policy scope", { exact: true })).toHaveValue("ops-threephoenix");
  await expect(covers.getByLabel("Rollback path is documented")).toBeChecked();
});

test("revoking an acceptance asks for a reason and a confirmation", async ({ page }) => {
  await page.goto("/risks");
  const entry = page
    .getByRole("listitem")
    .filter({ hasText: "Target services not catalogued yet" })
    .first();
  const revokeButtons = entry.getByRole("button", { name: "Revoke…" });
  const active = await revokeButtons.count();
  expect(active).toBeGreaterThan(0);
  await revokeButtons.first().click();
  const dialog = page.getByRole("dialog", { name: /Revoke the acceptance of/ });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await revokeButtons.first().click();
  await dialog.getByLabel("Reason to revoke").fill("short");
  await dialog.evaluate((element) => element.querySelector("form")!.setAttribute("novalidate", ""));
  await dialog.getByRole("button", { name: "Revoke acceptance" }).click();
  await expect(dialog).toContainText("The reason needs at least 10 characters");
  await expect(dialog.getByLabel("Reason to revoke")).toHaveValue("short");
  await dialog
    .getByLabel("Reason to revoke")
    .fill("The catalogue landed; the gate passes on evidence.");
  await dialog.getByRole("button", { name: "Revoke acceptance" }).click();
  await expect(dialog).toBeHidden();
  await expect(revokeButtons).toHaveCount(active - 1);
  await expect(entry).toContainText("Revoked: The catalogue landed; the gate passes on evidence.");
});
