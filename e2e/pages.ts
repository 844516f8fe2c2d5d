import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
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
      this.page.getByRole("button", { name: "Sign in" }).click(),
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
