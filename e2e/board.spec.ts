import { expect, test } from "@playwright/test";
import { dataFile, expectAccessible, gotoShowing, hubApi, SignInPage, widgetId } from "./pages";

const BOARD = "/migrations/ops-migration-coulombcore-to-threephoenix";

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("the board shows the eight seeded gates in order, each with a derived status and why", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page
    .getByRole("navigation", { name: "Sections" })
    .getByRole("link", { name: "Migrations" })
    .click();
  await expect(page.getByText("NO-GO").first()).toBeVisible();
  await page.getByRole("link", { name: "CoulombCore → ThreePhoenix" }).click();

  const gates = page
    .getByRole("list", { name: "Readiness gates, in order" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading") });
  await expect(gates).toHaveCount(8);
  await expect(gates.getByRole("heading", { level: 2 })).toHaveText([
    "1. DNS and TLS are codified",
    "2. Service catalog entries exist for the live and target production services",
    "3. Git hosting and container registry are reproducible",
    "4. Persistent data stores have backup and restore evidence",
    "5. Secrets and SOPS/age keys are available through governed operator paths",
    "6. Cluster runtime and platform services are recreated through Railiance repos",
    "7. Rollback path is documented",
    "8. Operator runbooks exist for deploy, restore, rotate, and incident response",
  ]);
  const registry = gates.filter({ hasText: "Git hosting and container registry" });
  await expect(registry).toContainText("railiance-apps");
  // A failing gate opens with its reasons shown, no click needed.
  await expect(registry.getByRole("group")).toHaveAttribute("open", "");
  await expect(
    registry.getByText("ops-endpoint-verified on Gitea OCI registry /v2/: pass, 5 months ago", {
      exact: false,
    }),
  ).toBeVisible();
  await expect(registry).toContainText("by HF-WP-0001 T07");
  await expect(registry.getByText("older than 30 days", { exact: false })).toBeVisible();
  await expect(gates.filter({ hasText: "Persistent data stores" })).toContainText(
    "nothing to check: no item matches the selector",
  );
  await expectAccessible(page);
});

test("evidence and verdicts change gates; the board shows them now, as of before, and what changed since", async ({
  page,
  request,
}) => {
  // Just before this test's writes: a past board has the items of its time,
  // and the seed may be younger than a minute (the form's precision).
  const before = new Date().toISOString();
  const hubId = (await hubApi<{ id: string }>(request, "GET", "/hubs/ops-hub")).id;
  for (const [slug, covers] of [
    ["ops-runbook-e2e-restore", ["restore", "rotate"]],
    ["ops-runbook-e2e-incident", ["incident"]],
  ] as const) {
    await hubApi(request, "POST", "/widgets", {
      hubId,
      widgetType: "ops-runbook",
      slug,
      name: slug,
      metadata: { covers, location: "e2e" },
    });
  }
  await hubApi(request, "POST", "/interaction-events", {
    widgetId: await widgetId(request, "ops-readiness-secrets"),
    eventType: "ops-migration-gate-passed",
    viewContext: "e2e review",
    metadata: {
      verdict: "pass",
      note: "custody checked",
      observer: "e2e reviewer",
      reviewer: { id: "e2e", name: "e2e reviewer" },
    },
  });
  await hubApi(request, "POST", "/annotations", {
    widgetId: await widgetId(request, "ops-readiness-data-backup-restore"),
    category: "ops-readiness-blocker",
    body: "CNPG backups not configured on ThreePhoenix",
  });

  const gate = (name: string) =>
    page
      .getByRole("list", { name: "Readiness gates, in order" })
      .getByRole("listitem")
      .filter({ hasText: name })
      .first();
  await gotoShowing(page, BOARD, () =>
    expect(gate("Persistent data stores")).toContainText("blocked"),
  );
  await expect(gate("Operator runbooks exist")).toContainText("passed");
  await expect(gate("Secrets and SOPS/age keys")).toContainText("passed");
  await expect(gate("Persistent data stores")).toContainText("blocked");
  await gate("Secrets and SOPS/age keys").getByText(/^Why /).click();
  await expect(gate("Secrets and SOPS/age keys")).toContainText(
    "Reviewer verdict: pass by e2e reviewer",
  );

  // Time travel is a secondary control: folded until asked for; its form
  // takes minutes, so the instant goes in the address here.
  await expect(page.getByLabel("Board as of (UTC)")).toBeHidden();
  await page.getByText("Time travel").click();
  await expect(page.getByLabel("Board as of (UTC)")).toBeVisible();
  await page.goto(
    `${BOARD}?asOf=${encodeURIComponent(before)}&since=${encodeURIComponent(before)}`,
  );
  await expect(
    page.getByRole("status").filter({ hasText: "Showing the board as it stood" }),
  ).toBeVisible();
  // Failing by its evidence then; an earlier spec may have accepted a risk on it.
  await expect(gate("Secrets and SOPS/age keys")).toContainText(/failing|risk accepted/);
  const changes = page.getByRole("region", { name: /What changed since/ });
  await expect(changes).toContainText(
    /Secrets and SOPS\/age keys are available through governed operator paths: (failing|risk accepted) → passed/,
  );
  await expect(changes).toContainText(
    "Persistent data stores have backup and restore evidence: failing → blocked",
  );

  const markdown = await (
    await page.request.get(
      `/api/migrations/ops-migration-coulombcore-to-threephoenix/export?format=md`,
    )
  ).text();
  expect(markdown).toContain("# Readiness gates: CoulombCore → ThreePhoenix");
  expect(markdown).toContain("**NO-GO**");
  expect(markdown).toMatch(
    /\| 8 \| Operator runbooks exist for deploy, restore, rotate, and incident response \| passed \| ops-hub \|/,
  );
  expect(markdown).toContain("- Blocker: CNPG backups not configured on ThreePhoenix");
});

test("a past board shows the gates of its time: a gate added since is not on it", async ({
  page,
  request,
}) => {
  const before = new Date(Date.now() - 1_000).toISOString();
  const hubId = (await hubApi<{ id: string }>(request, "GET", "/hubs/ops-hub")).id;
  const gate = await hubApi<{ id: string }>(request, "POST", "/widgets", {
    hubId,
    widgetType: "ops-readiness-gate",
    slug: "ops-readiness-e2e-added-later",
    name: "A gate added after the instant",
    metadata: {
      wave: "ops-migration-coulombcore-to-threephoenix",
      order: 9,
      ownerRepo: "ops-hub",
      evidenceRequirement: "Added by the e2e test.",
      rule: {
        requirements: [
          { kind: "exists", label: "a runbook exists", selector: { widgetType: "ops-runbook" } },
        ],
      },
    },
  });
  try {
    const gates = page
      .getByRole("list", { name: "Readiness gates, in order" })
      .getByRole("listitem");
    const added = gates.filter({ hasText: "A gate added after the instant" });
    await gotoShowing(page, BOARD, () => expect(added).toHaveCount(1));

    await page.goto(`${BOARD}?asOf=${encodeURIComponent(before)}`);
    await expect(
      page.getByRole("status").filter({ hasText: "Showing the board as it stood" }),
    ).toBeVisible();
    await expect(gates.filter({ hasText: "DNS and TLS are codified" })).toHaveCount(1);
    await expect(added).toHaveCount(0);
  } finally {
    // The other specs count the wave's eight seeded gates.
    const removed = await request.delete(`/api/v2/widgets/${gate.id}`, {
      headers: { authorization: `Bearer ${dataFile("keys", "ops-hub-runtime.key")}` },
    });
    expect(removed.status()).toBe(204);
  }
});
