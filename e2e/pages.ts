import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { runOpsHubCli } from "../lib/cli/run-cli";
import { E2E_DATA_DIR } from "../playwright.config";

/** Files the server wrote into its data directory on first start. */
export const dataFile = (...parts: string[]) =>
  readFileSync(path.join(E2E_DATA_DIR, ...parts), "utf8").trim();

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/signin");
  }

  async signIn(username: string, password: string) {
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Password").fill(password);
    // Wait for the server action's answer: the previous error stays on screen
    // until it arrives, and a second click while pending would be ignored.
    await Promise.all([
      this.page.waitForResponse((response) => response.request().method() === "POST"),
      this.page.getByRole("button", { name: "Sign in", exact: true }).click(),
    ]);
  }

  async signInAsAdmin() {
    await this.goto();
    await this.signIn("admin", dataFile("initial-admin-password"));
    await expect(this.page.getByRole("heading", { name: "Environments" })).toBeVisible();
  }

  error() {
    return this.page.getByRole("main").getByRole("alert");
  }
}

/**
 * `npx ops-hub bootstrap` of syn-hub into the e2e server, as its operator; the
 * runtime key goes to `runtimeKeyFile`. Specs hold keys of their own in files
 * of their own, so none revokes another's.
 */
export async function bootstrapSynHub(baseURL: string, runtimeKeyFile: string) {
  const run = await runOpsHubCli(
    [
      "bootstrap",
      "--profile",
      path.resolve("lib/hub-profile/syn-hub.json"),
      "--base",
      baseURL,
      "--runtime-key-file",
      runtimeKeyFile,
      "--keep-other-keys",
    ],
    { IHUB_OPERATOR_KEY_FILE: path.join(E2E_DATA_DIR, "keys", "operator.key") },
  );
  expect(run.code, run.stderr).toBe(0);
  return run;
}

/** The embedded hub's API as the ops-hub runtime consumer, for recording evidence from a test. */
export async function hubApi<T = unknown>(
  request: APIRequestContext,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await request.fetch(`/api/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${dataFile("keys", "ops-hub-runtime.key")}` },
    data: body,
  });
  expect(response.ok(), `${method} ${path} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

export async function widgetId(request: APIRequestContext, slug: string): Promise<string> {
  const { data } = await hubApi<{ data: { id: string }[] }>(
    request,
    "GET",
    `/widgets?hub=ops-hub&slug=${slug}`,
  );
  return data[0]!.id;
}

/**
 * Opens `url` until `shows` passes: a write through the hub's API reaches the
 * pages within about a second (lib/data/snapshot.ts), not always on the very next request.
 */
export async function gotoShowing(page: Page, url: string, shows: () => Promise<void>) {
  await expect(async () => {
    await page.goto(url);
    await shows();
  }).toPass({ timeout: 15_000 });
}

/** Fails on any axe-core violation, listing each with its rule and the elements. */
export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map(
      (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    ),
  ).toEqual([]);
}

/** Present mode and the shared screen: one wave, the current gate large, driven by keys. */
export class PresentMode {
  constructor(readonly page: Page) {}

  async goto(waveSlug: string, gate?: number) {
    await this.page.goto(`/migrations/${waveSlug}/present${gate ? `?gate=${gate}` : ""}`);
    await expect(this.currentGate()).toBeVisible();
  }

  currentGate() {
    return this.page.getByRole("region", { name: "Current gate" });
  }

  currentGateName() {
    return this.currentGate().getByRole("heading", { level: 2 });
  }

  gates() {
    return this.page.getByRole("navigation", { name: "Gates of this wave" }).getByRole("button");
  }

  gate(name: string) {
    return this.gates().filter({ hasText: name });
  }

  provenance() {
    return this.page.getByRole("dialog");
  }
}

/** Makes an item of the ops-hub hub unless one with its slug exists; true when it made it. */
export async function ensureWidget(
  request: APIRequestContext,
  widget: { widgetType: string; slug: string; name: string; metadata: Record<string, unknown> },
): Promise<boolean> {
  const { data } = await hubApi<{ data: unknown[] }>(
    request,
    "GET",
    `/widgets?hub=ops-hub&slug=${widget.slug}`,
  );
  if (data.length > 0) return false;
  const hubId = (await hubApi<{ id: string }>(request, "GET", "/hubs/ops-hub")).id;
  await hubApi(request, "POST", "/widgets", { hubId, ...widget });
  return true;
}

/** Makes a runbook that covers rolling back, unless one exists: the "Rollback path is documented" gate then passes. */
export async function ensureRollbackRunbook(request: APIRequestContext): Promise<void> {
  await ensureWidget(request, {
    widgetType: "ops-runbook",
    slug: "ops-runbook-e2e-rollback",
    name: "Roll production back to CoulombCore",
    metadata: { covers: ["rollback"], location: "x" },
  });
}

/** The header's account menu (who is signed in, the hub shown, Admin, sign-out), opened. */
export async function openAccountMenu(page: Page) {
  await page.getByRole("button", { name: /^Account: / }).click();
  return page.getByRole("region", { name: "Account" });
}
