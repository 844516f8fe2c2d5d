import { expect, test, type APIResponse, type ConsoleMessage } from "@playwright/test";
import { openAccountMenu, SignInPage } from "./pages";

/**
 * Every response carries the security headers: a Content-Security-Policy with
 * a fresh nonce per response and no inline scripts, no framing, a referrer
 * policy; HSTS only when served over HTTPS. And the app works under it.
 */
function policyOf(response: APIResponse): Record<string, string[]> {
  const header = response.headers()["content-security-policy"] ?? "";
  return Object.fromEntries(
    header.split(";").map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const policy = policyOf(response);
  expect(policy["script-src"], what).toContain("'strict-dynamic'");
  expect(
    policy["script-src"]?.some((value) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(value)),
    what,
  ).toBe(true);
  expect(policy["script-src"], what).not.toContain("'unsafe-inline'");
  expect(policy["script-src"], what).not.toContain("'unsafe-eval'");
  expect(policy["frame-ancestors"], what).toEqual(["'none'"]);
  expect(policy["object-src"], what).toEqual(["'none'"]);
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  // Served over plain HTTP here: no HSTS.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test("pages, API routes, redirects and assets all carry the security headers", async ({
  page,
  request,
}) => {
  const signin = await request.get("/signin");
  expect(signin.status()).toBe(200);
  expectSecurityHeaders(signin, "/signin");

  // Next puts the response's nonce on its own scripts; it changes per response.
  const html = await signin.text();
  const nonce = /'nonce-([^']+)'/.exec(signin.headers()["content-security-policy"]!)![1]!;
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const second = await request.get("/signin");
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);

  for (const path of ["/api/health", "/api/v2/hubs"]) {
    const response = await request.get(path);
    expect(response.ok(), path).toBe(true);
    expectSecurityHeaders(response, path);
  }
  const unauthenticated = await request.get("/api/search?q=x");
  expect(unauthenticated.status()).toBe(401);
  expectSecurityHeaders(unauthenticated, "401 from an API route");
  const redirect = await request.get("/catalog", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect, "redirect to sign-in");

  // Signed in: a page and an API route.
  await new SignInPage(page).signInAsAdmin();
  const home = await page.request.get("/");
  expect(home.status()).toBe(200);
  expect(await home.text()).toContain("Environments");
  expectSecurityHeaders(home, "/");
  const search = await page.request.get("/api/search?q=gitea");
  expect(search.status()).toBe(200);
  expectSecurityHeaders(search, "/api/search");

  const asset = /\/_next\/static\/[^"]+\.js/.exec(html)![0];
  const script = await request.get(asset);
  expect(script.status()).toBe(200);
  expect(script.headers()["x-content-type-options"]).toBe("nosniff");
});

test("a client's own X-Forwarded-Proto gets no HSTS: only a trusted proxy says HTTPS", async ({
  request,
}) => {
  // No OPS_HUB_TRUSTED_PROXIES on this server (the contract suite runs one
  // behind a trusted proxy, with HSTS).
  const response = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
  expect(response.headers()["strict-transport-security"]).toBeUndefined();
  expect(policyOf(response)["upgrade-insecure-requests"]).toBeUndefined();
});

test("the app runs under the policy: no violations while signing in and moving around", async ({
  page,
}) => {
  const violations: string[] = [];
  const watch = (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  };
  page.on("console", watch);
  page.on("pageerror", (error) => violations.push(error.message));

  await new SignInPage(page).signInAsAdmin();
  const nav = page.getByRole("navigation", { name: "Sections" });
  for (const section of ["Catalog", "Topology", "Gaps", "Migrations", "Risks"]) {
    const link = nav.getByRole("link", { name: section });
    const href = await link.getAttribute("href");
    await link.click();
    await expect(page).toHaveURL((url) => url.pathname === href);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await (await openAccountMenu(page)).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  // Hydrated: client-side navigation works from the not-found page too.
  await page.getByRole("link", { name: "Back to the overview" }).click();
  await expect(page.getByRole("heading", { name: "Environments" })).toBeVisible();
  expect(violations).toEqual([]);
});
