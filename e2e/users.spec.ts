import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { expectAccessible, SignInPage } from "./pages";

/** An admin manages local accounts; what they change reaches open sessions at once. */
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function signedIn(browser: Browser, username: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(username, password);
  await expect(page.getByRole("heading", { name: "Environments" })).toBeVisible();
  return page;
}

test("an admin creates a user, changes their role, resets their password and disables them", async ({
  page,
  browser,
}) => {
  const username = `casey-${Date.now().toString(36)}`;
  await new SignInPage(page).signInAsAdmin();
  await page.goto("/admin");
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await expectAccessible(page);

  // The admin's own row offers no way to demote or disable themself.
  const own = page.getByRole("row", { name: /^admin \(you\)/ });
  await expect(own).toContainText("you cannot demote yourself");
  await expect(own.getByRole("button", { name: /Disable/ })).toHaveCount(0);

  // A too-short password is refused, with what was typed still there.
  const create = page.getByRole("region", { name: "New local account" });
  await create.getByLabel("Username").fill(username);
  await create.getByLabel("Role").selectOption("viewer");
  await create.getByLabel("Password").fill("short");
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByText("The password needs at least 12 characters")).toBeVisible();
  await expect(create.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(create.getByLabel("Username")).toHaveValue(username);
  await expect(create.getByLabel("Password")).toHaveValue("short");

  await create.getByLabel("Password").fill("casey-first-password");
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByText(`Created ${username} (viewer).`)).toBeVisible();
  await expect(create.getByLabel("Username")).toHaveValue("");
  const row = page.getByRole("row", { name: new RegExp(`^${username}`) });
  await expect(row).toContainText("ops-hub password");

  // The same name again is refused.
  await create.getByLabel("Username").fill(username);
  await create.getByLabel("Password").fill("another-long-password");
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByText(`${username} is taken`)).toBeVisible();

  const casey = await signedIn(browser, username, "casey-first-password");
  await expect(casey.getByRole("button", { name: /^Account: .* \(viewer\)$/ })).toBeVisible();

  // A new role applies to the open session at its next request.
  await row.getByLabel(`Role of ${username}`).selectOption("operator");
  await row.getByRole("button", { name: `Save role of ${username}` }).click();
  await expect(row).toContainText(`${username} is now operator.`);
  await casey.reload();
  await expect(casey.getByRole("button", { name: /^Account: .* \(operator\)$/ })).toBeVisible();

  // A password reset ends the sessions the user had.
  await row.getByLabel(`New password for ${username}`).fill("too-short");
  await row.getByRole("button", { name: `Reset password of ${username}` }).click();
  await expect(row.getByText("The password needs at least 12 characters")).toBeVisible();
  await row.getByLabel(`New password for ${username}`).fill("casey-second-password");
  await row.getByRole("button", { name: `Reset password of ${username}` }).click();
  await expect(row).toContainText("their sessions have ended");
  await casey.goto("/catalog");
  await expect(casey).toHaveURL(/\/signin\?callbackUrl=%2Fcatalog$/);
  const again = await signedIn(browser, username, "casey-second-password");

  // Disabled: the open session ends and signing in fails like a wrong password.
  await row.getByRole("button", { name: `Disable ${username}` }).click();
  await expect(row).toContainText(`Disabled ${username}`);
  await again.goto("/topology");
  await expect(again).toHaveURL(/\/signin\?callbackUrl=%2Ftopology$/);
  const signIn = new SignInPage(again);
  await signIn.signIn(username, "casey-second-password");
  await expect(signIn.error()).toHaveText("Wrong username or password.");
});

test("only admins reach the user admin page", async ({ page, browser }) => {
  await new SignInPage(page).signInAsAdmin();
  await page.goto("/admin/users");
  const username = `vic-${Date.now().toString(36)}`;
  const create = page.getByRole("region", { name: "New local account" });
  await create.getByLabel("Username").fill(username);
  await create.getByLabel("Password").fill("vic-the-viewer-password");
  await create.getByRole("button", { name: "Create user" }).click();
  await expect(create.getByText(`Created ${username} (viewer).`)).toBeVisible();

  const viewer = await signedIn(browser, username, "vic-the-viewer-password");
  await viewer.goto("/admin/users");
  await expect(viewer).toHaveURL(/\/forbidden$/);
});
