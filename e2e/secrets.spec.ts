import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config";
import { dataFile, SignInPage } from "./pages";

/**
 * The Inter-Hub keys never reach the browser, a response or a log. The keys
 * are made on the server's first start, so this looks for the real ones in
 * everything the browser received, in the build's client assets and in
 * every line the server printed.
 */
const PAGES = [
  "/",
  "/catalog",
  "/catalog/ops-endpoint-gitea-registry",
  "/topology",
  "/gaps",
  "/migrations",
  "/migrations/ops-migration-coulombcore-to-threephoenix",
  "/risks",
  "/admin",
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test("the Inter-Hub keys appear in no page, response, client asset or log", async ({ page }) => {
  const secrets = {
    "runtime key": dataFile("keys", "ops-hub-runtime.key"),
    "operator key": dataFile("keys", "operator.key"),
  };
  // The secret part of each key, after its public 8-hex prefix.
  const needles = Object.entries(secrets).flatMap(([name, key]): [string, string][] => [
    [name, key],
    [`${name} (secret part)`, key.slice(13)],
  ]);
  expect(needles.every(([, value]) => value.length >= 20)).toBe(true);

  const received: string[] = [];
  const reads: Promise<void>[] = [];
  page.on("response", (response) => {
    reads.push(
      (async () => {
        try {
          received.push(JSON.stringify(await response.allHeaders()));
          received.push(await response.text());
        } catch {
          // redirects have no body
        }
      })(),
    );
  });

  await new SignInPage(page).signInAsAdmin();
  for (const url of PAGES) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
  }
  await page.waitForLoadState("networkidle");
  await Promise.all(reads);
  const session = await page.request.get("/api/auth/session");
  received.push(await session.text());
  received.push(JSON.stringify(await page.context().cookies()));
  expect(received.join("").length).toBeGreaterThan(10_000);

  const clientAssets = filesUnder(path.resolve(".next/static"))
    .filter((file) => /\.(js|css|html|json|txt)$/.test(file))
    .map((file) => readFileSync(file, "utf8"));
  expect(clientAssets.length).toBeGreaterThan(5);
  const log = readFileSync(path.join(E2E_DATA_DIR, "server.log"), "utf8");
  expect(log).toContain("[ops-hub] ready");

  for (const [name, value] of needles) {
    expect(
      received.some((text) => text.includes(value)),
      `${name} in a response`,
    ).toBe(false);
    expect(
      clientAssets.some((text) => text.includes(value)),
      `${name} in a client asset`,
    ).toBe(false);
    expect(log.includes(value), `${name} in the server log`).toBe(false);
  }
  // No client bundle even knows where the key would come from.
  expect(clientAssets.some((text) => text.includes("OPS_HUB_KEY"))).toBe(false);
  // The generated admin password is named by path in the log, never printed.
  expect(log).toContain("initial-admin-password");
  expect(log.includes(dataFile("initial-admin-password"))).toBe(false);
});

test("secret files are private to the server's user", () => {
  for (const file of [
    "keys/operator.key",
    "keys/ops-hub-runtime.key",
    "initial-admin-password",
    "auth-secret",
  ]) {
    expect((statSync(path.join(E2E_DATA_DIR, file)).mode & 0o777).toString(8), file).toBe("600");
  }
});
