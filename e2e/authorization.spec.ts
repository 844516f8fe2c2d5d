import { randomUUID } from "node:crypto";
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type Page,
  type Request,
} from "@playwright/test";
import { hubApi, SignInPage, widgetId } from "./pages";

/**
 * Who may do what, through the real server: every role against every page
 * that needs a role, every form, and forged submissions of each write.
 */
const PASSWORD = "correct-horse-battery-staple";
const ROLES = ["viewer", "operator", "approver", "admin"] as const;
type Role = (typeof ROLES)[number];
const account = (role: Role) => (role === "admin" ? "admin" : `e2e-${role}`);

async function signedIn(browser: Browser, role: Role): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const signIn = new SignInPage(page);
  if (role === "admin") {
    await signIn.signInAsAdmin();
  } else {
    await signIn.goto();
    await signIn.signIn(account(role), PASSWORD);
    await expect(page.getByRole("heading", { name: "Environments" })).toBeVisible();
  }
  return page;
}

test.describe.configure({ mode: "serial" });

let pages: Record<Role, Page>;

test.beforeAll(async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.goto("/admin/users");
  for (const role of ["viewer", "operator", "approver"] as const) {
    await admin.getByLabel("Username").fill(account(role));
    await admin.getByLabel("Role", { exact: true }).selectOption(role);
    await admin.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await admin.getByRole("button", { name: "Create user" }).click();
    await expect(admin.getByRole("main")).toContainText(account(role));
  }
  pages = {
    admin,
    viewer: await signedIn(browser, "viewer"),
    operator: await signedIn(browser, "operator"),
    approver: await signedIn(browser, "approver"),
  };
});

test.afterAll(async () => {
  for (const page of Object.values(pages ?? {})) await page.context().close();
});

test("admin pages open to admins only", async () => {
  for (const role of ROLES) {
    for (const path of ["/admin", "/admin/users", "/admin/screens", "/admin/outbox"]) {
      const response = await pages[role].goto(path);
      if (role === "admin") {
        expect(response?.status(), `${role} ${path}`).toBe(200);
        await expect(pages[role]).toHaveURL(new RegExp(`${path}$`));
      } else {
        await expect(pages[role], `${role} ${path}`).toHaveURL(/\/forbidden$/);
      }
    }
  }
});

test("forms appear only to the roles that may use them", async () => {
  const expected: Record<Role, { annotate: boolean; raise: boolean; accept: boolean }> = {
    viewer: { annotate: false, raise: false, accept: false },
    operator: { annotate: true, raise: true, accept: false },
    approver: { annotate: true, raise: true, accept: true },
    admin: { annotate: true, raise: true, accept: true },
  };
  for (const role of ROLES) {
    const page = pages[role];
    await page.goto("/catalog/ops-endpoint-gitea-registry");
    await expect(page.getByRole("region", { name: "Annotations" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Annotate this item" }), role).toHaveCount(
      expected[role].annotate ? 1 : 0,
    );
    await page.goto("/risks");
    await expect(page.getByRole("form", { name: "Raise a risk" }), role).toHaveCount(
      expected[role].raise ? 1 : 0,
    );
    await expect(page.getByRole("form", { name: "Accept a risk" }), role).toHaveCount(
      expected[role].accept ? 1 : 0,
    );
  }
});

/** Submits a form as an admin and keeps the request, to forge it later with another role's session. */
async function capture(page: Page, submit: () => Promise<void>): Promise<Request> {
  const posted = page.waitForRequest(
    (request) => request.method() === "POST" && !!request.headers()["next-action"],
  );
  await submit();
  return posted;
}

async function forge(page: Page, request: Request): Promise<string> {
  const body = request
    .postData()!
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/, randomUUID());
  const headers = { ...(await request.allHeaders()) };
  delete headers.cookie;
  const response = await page.request.fetch(request.url(), { method: "POST", headers, data: body });
  expect(response.status()).toBeLessThan(500);
  return response.text();
}

test("forged writes are refused for roles without the right, and accepted for those with it", async ({
  request,
}) => {
  const admin = pages.admin;
  await admin.goto("/catalog/ops-service-openbao");
  const form = admin.getByRole("form", { name: "Annotate this item" });
  await form.getByLabel("Category").selectOption("ops-secret-gap");
  await form.getByLabel("Note").fill("template");
  const annotate = await capture(admin, () =>
    form.getByRole("button", { name: "Record annotation" }).click(),
  );
  await expect(form.getByRole("status")).toHaveText("Annotation recorded.");

  await admin.goto("/risks");
  const raise = admin.getByRole("form", { name: "Raise a risk" });
  await raise.getByLabel("Title").fill("Authorization matrix risk");
  await raise.getByLabel("Severity").selectOption("low");
  await raise.getByLabel("Likelihood").selectOption("rare");
  await raise.getByLabel("Policy scope", { exact: true }).selectOption("ops-secrets");
  await raise
    .getByRole("group", { name: "Applies to" })
    .getByLabel("Secrets and SOPS/age keys are available through governed operator paths")
    .check();
  await raise.getByRole("button", { name: "Raise risk" }).click();
  await expect(raise.getByRole("status")).toContainText("raised");
  await admin.reload();
  const accept = admin.getByRole("form", { name: "Accept a risk" });
  await accept.getByLabel("Risk").selectOption({ label: "Authorization matrix risk" });
  await accept
    .getByLabel("Justification")
    .fill("Only a test of who may accept; it covers a gate for one day.");
  await accept.getByLabel("Policy scope", { exact: true }).selectOption("ops-secrets");
  await accept
    .getByLabel("Expires on")
    .fill(new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
  await accept
    .getByRole("group", { name: "Covers" })
    .getByLabel("Secrets and SOPS/age keys are available through governed operator paths")
    .check();
  const acceptance = await capture(admin, () =>
    accept.getByRole("button", { name: "Accept risk" }).click(),
  );
  await expect(accept.getByRole("status")).toContainText("Risk accepted");

  const openbao = await widgetId(request, "ops-service-openbao");
  const count = async () =>
    (
      await hubApi<{ meta: { total: number } }>(
        request,
        "GET",
        `/annotations?hub=ops-hub&widget_id=${openbao}`,
      )
    ).meta.total;
  const risk = (
    await hubApi<{ data: { id: string }[] }>(
      request,
      "GET",
      "/widgets?hub=ops-hub&widget_type=ops-risk&q=authorization",
    )
  ).data[0]!.id;
  const acceptances = async () =>
    (
      await hubApi<{ meta: { total: number } }>(
        request,
        "GET",
        `/interaction-events?hub=ops-hub&widget_id=${risk}&event_type=ops-risk-accepted`,
      )
    ).meta.total;

  for (const role of ["viewer", "operator", "approver"] as const) {
    const before = { annotations: await count(), acceptances: await acceptances() };
    const annotateAnswer = await forge(pages[role], annotate);
    const acceptAnswer = await forge(pages[role], acceptance);
    const after = { annotations: await count(), acceptances: await acceptances() };
    if (role === "viewer") {
      expect(annotateAnswer).toContain("Only an operator or above may do this");
      expect(after.annotations).toBe(before.annotations);
    } else {
      expect(after.annotations).toBe(before.annotations + 1);
    }
    if (role === "approver") {
      expect(after.acceptances).toBe(before.acceptances + 1);
    } else {
      expect(acceptAnswer).toContain("Only an approver or above may do this");
      expect(after.acceptances).toBe(before.acceptances);
    }
  }
});

test("the other writes refuse forged submissions from roles below them", async () => {
  const admin = pages.admin;
  const templates: { name: string; request: Request; allowed: Role[]; refusal: string }[] = [];

  await admin.goto("/catalog/ops-cluster-railiance01");
  const annotate = admin.getByRole("form", { name: "Annotate this item" });
  await annotate.getByLabel("Category").selectOption("ops-drift");
  await annotate.getByLabel("Note").fill("Resolved by the authorization matrix");
  await annotate.getByRole("button", { name: "Record annotation" }).click();
  await expect(annotate.getByRole("status")).toHaveText("Annotation recorded.");
  await admin.reload();
  const open = admin
    .getByRole("region", { name: "Annotations" })
    .getByRole("listitem")
    .filter({ hasText: "Resolved by the authorization matrix" });
  templates.push({
    name: "resolve an annotation",
    allowed: ["operator", "approver"],
    refusal: "Only an operator or above may do this",
    request: await capture(admin, () => open.getByRole("button", { name: "Resolve" }).click()),
  });

  await admin.goto("/risks");
  const raise = admin.getByRole("form", { name: "Raise a risk" });
  await raise.getByLabel("Title").fill("Matrix: raised by forgery");
  await raise.getByLabel("Severity").selectOption("low");
  await raise.getByLabel("Likelihood").selectOption("rare");
  await raise.getByLabel("Policy scope", { exact: true }).selectOption("ops-local");
  const appliesTo = raise.getByRole("group", { name: "Applies to" });
  await appliesTo.getByLabel("Search applies to by name").fill("local workstation");
  await appliesTo.getByLabel("Local workstation", { exact: true }).check();
  templates.push({
    name: "raise a risk",
    allowed: ["operator", "approver"],
    refusal: "Only an operator or above may do this",
    request: await capture(admin, () => raise.getByRole("button", { name: "Raise risk" }).click()),
  });
  await expect(raise.getByRole("status")).toContainText("raised");

  await admin.goto("/admin/users");
  await admin.getByLabel("Username").fill("e2e-template");
  await admin.getByLabel("Role", { exact: true }).selectOption("viewer");
  await admin.getByLabel("Password", { exact: true }).fill(PASSWORD);
  templates.push({
    name: "create a user",
    allowed: [],
    refusal: "Only an admin may do this",
    request: await capture(admin, () => admin.getByRole("button", { name: "Create user" }).click()),
  });

  await admin.goto("/admin/screens");
  await admin.getByLabel("Label").fill("Matrix template");
  templates.push({
    name: "create a screen link",
    allowed: [],
    refusal: "Only an admin may do this",
    request: await capture(admin, () =>
      admin.getByRole("button", { name: "Create screen link" }).click(),
    ),
  });

  for (const template of templates) {
    for (const role of ["viewer", "operator", "approver"] as const) {
      const answer = await forge(pages[role], template.request);
      if (template.allowed.includes(role))
        expect(answer, `${role}: ${template.name}`).not.toContain(template.refusal);
      else expect(answer, `${role}: ${template.name}`).toContain(template.refusal);
    }
  }
});

/** An annotation recorded by the admin, kept as a request to forge, and a count of the item's annotations. */
async function annotationTemplate(request: APIRequestContext, note: string) {
  const admin = pages.admin;
  await admin.goto("/catalog/ops-service-openbao");
  const form = admin.getByRole("form", { name: "Annotate this item" });
  await form.getByLabel("Category").selectOption("ops-secret-gap");
  await form.getByLabel("Note").fill(note);
  const annotate = await capture(admin, () =>
    form.getByRole("button", { name: "Record annotation" }).click(),
  );
  await expect(form.getByRole("status")).toHaveText("Annotation recorded.");
  const openbao = await widgetId(request, "ops-service-openbao");
  const count = async () =>
    (
      await hubApi<{ meta: { total: number } }>(
        request,
        "GET",
        `/annotations?hub=ops-hub&widget_id=${openbao}`,
      )
    ).meta.total;
  return { annotate, count };
}

test("a signed-out forged write is refused and writes nothing", async ({ browser, request }) => {
  const { annotate, count } = await annotationTemplate(
    request,
    "template for a signed-out forgery",
  );
  const before = await count();
  const stranger = await (await browser.newContext()).newPage();
  const headers = { ...(await annotate.allHeaders()) };
  delete headers.cookie;
  const response = await stranger.request.fetch(annotate.url(), {
    method: "POST",
    headers,
    data: annotate.postData()!,
    maxRedirects: 0,
  });
  expect([303, 307, 401, 403]).toContain(response.status());
  expect(await count()).toBe(before);
  await stranger.context().close();
});

test("an oversized submission is refused with a 4xx and writes nothing", async ({ request }) => {
  const { annotate, count } = await annotationTemplate(request, "template for an oversized body");
  const before = await count();
  const body = annotate
    .postData()!
    .replace("template for an oversized body", "x".repeat(3 * 1024 * 1024))
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/, randomUUID());
  const headers = { ...(await annotate.allHeaders()) };
  delete headers.cookie;
  const response = await pages.admin.request.fetch(annotate.url(), {
    method: "POST",
    headers,
    data: body,
  });
  expect(response.status()).toBeGreaterThanOrEqual(400);
  expect(response.status()).toBeLessThan(500);
  expect(await count()).toBe(before);
});
