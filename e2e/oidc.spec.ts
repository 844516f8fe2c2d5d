import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startAppServer, type AppServer } from "../scripts/app-server.mjs";
import {
  OIDC_TEST_CLIENT,
  OIDC_TEST_USERS,
  startOidcTestProvider,
} from "../scripts/oidc-test-provider.mjs";
import { SignInPage } from "./pages";

/**
 * Sign-in through a real OpenID Connect provider (oidc-provider on loopback)
 * into a second ops-hub server configured for it: the whole redirect flow in
 * Chromium, groups mapped to roles, refusal without a mapped group, and an
 * admin disabling a provider user.
 */
test.describe.configure({ mode: "serial" });

const ADMIN_PASSWORD = "oidc-e2e-admin-password";
const ROLE_MAP = "ops-admins=admin,ops-approvers=approver,ops=operator";

let idp: Awaited<ReturnType<typeof startOidcTestProvider>>;
let app: AppServer;
const contexts: BrowserContext[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const appPort = await freePort();
  idp = await startOidcTestProvider({
    redirectUris: [`http://localhost:${appPort}/api/auth/callback/oidc`],
  });
  app = await startAppServer({
    name: "oidc",
    port: appPort,
    env: {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: OIDC_TEST_CLIENT.id,
      OIDC_CLIENT_SECRET: OIDC_TEST_CLIENT.secret,
      OIDC_ROLE_MAP: ROLE_MAP,
      OIDC_DISPLAY_NAME: "Test IdP",
      OPS_HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
  });
});

test.afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await app?.stop();
  await idp?.stop();
  if (app) rmSync(app.dataDir, { recursive: true, force: true });
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url });
  contexts.push(context);
  return context.newPage();
}

/** From ops-hub's sign-in page through the provider's sign-in form and back. */
async function signInAtProvider(page: Page, username: keyof typeof OIDC_TEST_USERS) {
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(OIDC_TEST_USERS[username]!.password);
  await page.getByRole("button", { name: "Continue" }).click();
}

const header = (page: Page) => page.getByRole("banner");

test("an operator signs in through the identity provider and gets the role its group maps to", async ({
  browser,
}) => {
  const page = await newPage(browser);
  await page.goto("/catalog");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcatalog$/);
  await expect(page.getByRole("button", { name: "Sign in with Test IdP" })).toBeVisible();
  // Local accounts still work beside it.
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();

  await signInAtProvider(page, "olivia");
  await expect(page).toHaveURL(`${app.url}/catalog`);
  // Who is signed in, and as what: the account menu's button says.
  await expect(
    header(page).getByRole("button", { name: "Account: olivia (operator)" }),
  ).toBeVisible();

  // The session holds ops-hub's own id, name and role: no provider tokens or claims.
  const session = (await (await page.request.get("/api/auth/session")).json()) as {
    user: Record<string, unknown>;
  };
  expect(Object.keys(session.user).sort()).toEqual(["id", "name", "role"]);
  expect(session.user).toMatchObject({ name: "olivia", role: "operator" });
  expect(session.user.id).not.toBe("olivia");
});

test("the strongest mapped group wins", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/signin");
  await signInAtProvider(page, "avery");
  await expect(page.getByRole("heading", { name: "Environments" })).toBeVisible();
  await expect(
    header(page).getByRole("button", { name: /^Account: .* \(approver\)$/ }),
  ).toBeVisible();
});

test("a provider user in no mapped group is refused", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/signin");
  await signInAtProvider(page, "sam");
  await expect(page).toHaveURL(/\/signin\?error=AccessDenied/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    /Your Test IdP account has no access to ops-hub/,
  );
  expect((await (await page.request.get("/api/auth/session")).json()) ?? null).toBeNull();
});

test("an admin sees provider users and disables one: their session ends and they cannot sign in again", async ({
  browser,
}) => {
  const olivia = await newPage(browser);
  await olivia.goto("/signin");
  await signInAtProvider(olivia, "olivia");
  await expect(
    header(olivia).getByRole("button", { name: /^Account: .* \(operator\)$/ }),
  ).toBeVisible();

  const admin = await newPage(browser);
  const signIn = new SignInPage(admin);
  await signIn.goto();
  await signIn.signIn("admin", ADMIN_PASSWORD);
  await expect(admin.getByRole("heading", { name: "Environments" })).toBeVisible();
  await admin.goto("/admin/users");
  const row = admin.getByRole("row", { name: /^olivia/ });
  await expect(row).toContainText("Test IdP");
  await expect(row).toContainText("operator");
  await expect(row).toContainText("from groups");
  // Sam was refused, so never recorded.
  await expect(admin.getByRole("row", { name: /^sam/ })).toHaveCount(0);
  await row.getByRole("button", { name: "Disable olivia" }).click();
  await expect(row).toContainText("Disabled olivia");
  await expect(row.getByText("disabled", { exact: true })).toBeVisible();

  // Her open session is over at her next request...
  await olivia.goto("/catalog");
  await expect(olivia).toHaveURL(/\/signin\?callbackUrl=%2Fcatalog$/);
  // ...and the provider still vouches for her, but ops-hub refuses.
  await olivia.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await expect(olivia).toHaveURL(/\/signin\?error=AccessDenied/);

  // Enabled again, she is back (the provider remembers her: no form this time).
  await row.getByRole("button", { name: "Enable olivia" }).click();
  await expect(row.getByText("active", { exact: true })).toBeVisible();
  await olivia.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await expect(
    header(olivia).getByRole("button", { name: /^Account: .* \(operator\)$/ }),
  ).toBeVisible();
});
