import { expect, test } from "@playwright/test";
import { dataFile, expectAccessible, SignInPage } from "./pages";

/**
 * An admin sees the embedded hub's API keys at /admin (prefix, creation, last
 * use, expiry, never the key) and revokes one after confirming: its holder
 * is refused from then on. The server's own keys cannot be revoked there.
 */
test("an admin sees each key's prefix and dates, and revokes one after confirming", async ({
  page,
  request,
}) => {
  const operator = { authorization: `Bearer ${dataFile("keys", "operator.key")}` };
  const name = `e2e-keyholder-${Date.now().toString(36)}`;
  const consumer = await (
    await request.post("/api/v2/api-consumers", { headers: operator, data: { name } })
  ).json();
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const created = await (
    await request.post(`/api/v2/api-consumers/${consumer.id}/keys`, {
      headers: operator,
      data: { scopes: ["hub:ops-hub:read"], expiresAt },
    })
  ).json();
  const asHolder = { authorization: `Bearer ${created.key}` };
  expect((await request.get("/api/v2/widgets?hub=ops-hub", { headers: asHolder })).status()).toBe(
    200,
  );

  await new SignInPage(page).signInAsAdmin();
  await page.goto("/admin");
  const keys = page.getByRole("table", { name: /API keys of the embedded hub/ });
  const row = keys.getByRole("row", { name: new RegExp(`^${name}`) });
  await expect(row).toContainText(`${created.prefix}…`);
  await expect(row).toContainText("✓ active");
  await expect(row).toContainText(`${expiresAt.slice(0, 16).replace("T", " ")} UTC`);
  // Last used: just now, by the request above.
  await expect(row.getByRole("cell").nth(5)).toContainText(" UTC");
  await expect(page.getByText(created.key)).toHaveCount(0);
  await expectAccessible(page);

  // The server's own runtime key stays: revoking it would cut the app off.
  const runtimePrefix = dataFile("keys", "ops-hub-runtime.key").slice(4, 12);
  const own = keys.getByRole("row", { name: new RegExp(`${runtimePrefix}…`) });
  await expect(own).toContainText("used by this server");
  await expect(own.getByRole("button")).toHaveCount(0);

  // A first click only asks; Cancel changes nothing.
  await row.getByRole("button", { name: `Revoke key ${created.prefix}` }).click();
  await expect(row.getByRole("alert")).toContainText("loses access within a second");
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toContainText("✓ active");
  expect((await request.get("/api/v2/widgets?hub=ops-hub", { headers: asHolder })).status()).toBe(
    200,
  );

  await row.getByRole("button", { name: `Revoke key ${created.prefix}` }).click();
  await row.getByRole("button", { name: `Confirm revoke key ${created.prefix}` }).click();
  await expect(row).toContainText("✕ revoked");
  await expect(row.getByRole("button")).toHaveCount(0);
  expect((await request.get("/api/v2/widgets?hub=ops-hub", { headers: asHolder })).status()).toBe(
    401,
  );
});
