import { expect, test } from "@playwright/test";
import { openAccountMenu, SignInPage } from "./pages";

test("a new user signs in with the generated admin password and sees the four environments", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await new SignInPage(page).signInAsAdmin();

  const cards = page.getByRole("article");
  await expect(cards).toHaveCount(4);
  // Ordered from current production to the target.
  await expect(cards.getByRole("heading", { level: 3 })).toHaveText([
    "CoulombCore",
    "Local workstation",
    "Railiance01",
    "ThreePhoenix production",
  ]);
  const coulombcore = cards.filter({ hasText: "CoulombCore" });
  await expect(coulombcore).toContainText("Live transitional production");
  await expect(coulombcore).toContainText("92.205.130.254");
  await expect(coulombcore.getByText("seed data")).toBeVisible();
  const account = await openAccountMenu(page);
  await expect(account.getByRole("link", { name: "Admin" })).toBeVisible();
  await expect(account).toContainText("Signed in as admin (admin)");
});

test("a wrong password gets the generic error, as does an unknown user", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn("admin", "not-the-password");
  await expect(signIn.error()).toHaveText("Wrong username or password.");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByLabel("Username")).toHaveValue("admin");
  // No identity provider is configured on this server: no button for one.
  await expect(page.getByRole("button", { name: /Sign in with/ })).toHaveCount(0);

  await signIn.signIn("nobody-here", "whatever-it-is");
  await expect(signIn.error()).toHaveText("Wrong username or password.");
});

test("repeated failures for one username are throttled, whatever address the client claims", async ({
  browser,
}) => {
  // Each attempt claims another address: the server goes by the connection.
  const page = await browser.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${attempt + 1}` });
    await signIn.signIn("throttled-user", `wrong-${attempt}`);
    await expect(signIn.error()).toHaveText("Wrong username or password.");
  }
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.99" });
  await signIn.signIn("throttled-user", "wrong-again");
  await expect(signIn.error()).toHaveText(
    /^Too many failed attempts\. Try again in \d+ seconds\.$/,
  );
  await page.close();
});

test("a forged X-Forwarded-Host does not send the browser elsewhere after sign-in", async ({
  browser,
}) => {
  // Without a trusted proxy in front, forwarded headers are the client's word.
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
  });
  const page = await context.newPage();
  await new SignInPage(page).signInAsAdmin();
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  await context.close();
});

test("signing out ends the session", async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
  await (await openAccountMenu(page)).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/catalog");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcatalog/);
});

test("a signed-out session stays over, even for a copy of its cookie", async ({
  page,
  browser,
}) => {
  await new SignInPage(page).signInAsAdmin();
  const cookies = await page.context().cookies();
  expect(cookies.some((cookie) => cookie.name.includes("session-token"))).toBe(true);
  await (await openAccountMenu(page)).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const replay = await copy.newPage();
  await replay.goto("/catalog");
  await expect(replay).toHaveURL(/\/signin\?callbackUrl=%2Fcatalog/);
  expect(await (await replay.request.get("/api/auth/session")).json()).toBeNull();
  await copy.close();
});
