import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, PresentMode, SignInPage } from "./pages";

/**
 * Present mode on a TV: the whole view fits a 16:9 screen without scrolling,
 * before and during a review, and reads from across the room. Screenshots of
 * each state go to test-results/screenshots for the record.
 */
const WAVE = "ops-migration-coulombcore-to-threephoenix";
const SCREENSHOTS = path.resolve("test-results", "screenshots");
const TV_SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];
/** The share of visible text (by characters) that must be this large at 1920×1080. */
const LARGE_PX = 28;
const LARGE_SHARE = 0.8;

/** The document's scroll size against the window's. */
function scrollSize(page: Page) {
  return page.evaluate(() => ({
    height: document.scrollingElement!.scrollHeight,
    width: document.scrollingElement!.scrollWidth,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
  }));
}

/**
 * Characters of visible text at `minPx` or larger, over all visible text:
 * a text node counts when it has a box on screen that no clipping ancestor
 * hides (screen-reader-only text and text clipped away do not count).
 */
function fontShare(page: Page, minPx: number) {
  return page.evaluate((min) => {
    const clipsAway = (element: Element, x: number, y: number) => {
      for (let at: Element | null = element; at; at = at.parentElement) {
        const style = getComputedStyle(at);
        if (style.overflow === "visible" && style.clip === "auto") continue;
        const box = at.getBoundingClientRect();
        if (x < box.left || x > box.right || y < box.top || y > box.bottom) return true;
      }
      return false;
    };
    let large = 0;
    let total = 0;
    const small = new Map<string, number>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const characters = (node.textContent ?? "").replace(/\s+/g, "").length;
      const parent = node.parentElement;
      if (characters === 0 || !parent) continue;
      if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const onScreen = [...range.getClientRects()].some(
        (r) =>
          r.width > 1 &&
          r.height > 1 &&
          r.bottom > 0 &&
          r.top < innerHeight &&
          r.right > 0 &&
          r.left < innerWidth &&
          !clipsAway(parent, r.left + r.width / 2, r.top + r.height / 2),
      );
      if (!onScreen) continue;
      const size = Number.parseFloat(getComputedStyle(parent).fontSize);
      total += characters;
      if (size >= min) large += characters;
      else {
        const key = `${size}px ${(node.textContent ?? "").trim().slice(0, 30)}`;
        small.set(key, (small.get(key) ?? 0) + characters);
      }
    }
    return { large, total, share: large / total, small: [...small.entries()] };
  }, minPx);
}

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("present mode fits a 16:9 TV without scrolling, before and during a review, and reads from across the room", async ({
  page,
}) => {
  test.setTimeout(150_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const present = new PresentMode(page);
  const review = page.getByRole("region", { name: /Review/ });
  const measured: string[] = [];

  for (const phase of ["before-review", "during-review"] as const) {
    for (const size of TV_SIZES) {
      await page.setViewportSize(size);
      await present.goto(WAVE, 3);
      if (phase === "during-review" && !(await review.getByText("Review in progress").count())) {
        await page.keyboard.press("s");
      }
      await expect(
        review.getByRole("heading", {
          name: phase === "before-review" ? "Review" : "Review in progress",
          exact: true,
        }),
      ).toBeVisible();
      const name = `present-${size.width}x${size.height}-${phase}.png`;
      await page.screenshot({ path: path.join(SCREENSHOTS, name) });

      const scroll = await scrollSize(page);
      measured.push(`${name}: scrollHeight ${scroll.height}, scrollWidth ${scroll.width}`);
      expect(scroll.height, `${name} scrolls vertically`).toBeLessThanOrEqual(scroll.innerHeight);
      expect(scroll.width, `${name} scrolls sideways`).toBeLessThanOrEqual(scroll.innerWidth);
      // Everything the room and the presenter need is on screen.
      await expect(page.getByRole("navigation", { name: "Gates of this wave" })).toBeInViewport({
        ratio: 1,
      });
      await expect(present.gates()).toHaveCount(8);
      // Each gate is on screen and nothing covers it.
      for (const gate of await present.gates().all()) {
        await expect(gate).toBeInViewport({ ratio: 1 });
        const uncovered = await gate.evaluate((button) => {
          const box = button.getBoundingClientRect();
          return [box.top + 2, box.bottom - 2].every((y) =>
            button.contains(document.elementFromPoint(box.left + box.width / 2, y)),
          );
        });
        expect(uncovered, await gate.innerText()).toBe(true);
      }
      if (phase === "during-review") {
        await expect(review.getByRole("button", { name: "End review" })).toBeInViewport({
          ratio: 1,
        });
        await expect(review.getByRole("group", { name: "Verdict" })).toBeInViewport({ ratio: 1 });
      } else {
        await expect(review.getByRole("button", { name: "Start review" })).toBeInViewport({
          ratio: 1,
        });
      }

      if (size.width === 1920) {
        const share = await fontShare(page, LARGE_PX);
        measured.push(
          `${name}: ${share.large} of ${share.total} characters at ${LARGE_PX} px or more (${(share.share * 100).toFixed(1)} %); smaller: ${JSON.stringify(share.small)}`,
        );
        expect(share.share, JSON.stringify(share.small)).toBeGreaterThanOrEqual(LARGE_SHARE);
        // The wave's verdict and the current gate are far larger than the rest.
        const verdictPx = await page
          .getByText(/NO-GO|GO/)
          .first()
          .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
        const gatePx = await present
          .currentGateName()
          .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
        expect(verdictPx).toBeGreaterThanOrEqual(2 * LARGE_PX);
        expect(gatePx).toBeGreaterThanOrEqual(1.75 * LARGE_PX);
      }
    }
  }
  console.log(measured.join("\n"));
  await page.setViewportSize(TV_SIZES[0]!);
  await expectAccessible(page);
});

test("a review starts and ends by key; ending warns about gates without a verdict, and a verdict against the evidence needs a note", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize(TV_SIZES[0]!);
  const present = new PresentMode(page);
  await present.goto(WAVE, 3);
  const review = page.getByRole("region", { name: /Review/ });
  if (await review.getByText("Review in progress").count()) {
    await page.keyboard.press("e");
    await page.getByRole("button", { name: "End review anyway" }).click();
    await page
      .getByRole("dialog", { name: "Review summary" })
      .getByRole("button", { name: "Close" })
      .click();
  }
  await expect(page.getByRole("contentinfo")).toContainText("s start review");

  await page.keyboard.press("s");
  await expect(review.getByRole("heading", { name: "Review in progress" })).toBeVisible();
  await expect(review).toContainText("0 of 8 gates have a verdict");
  await expect(page.getByRole("contentinfo")).toContainText("e end review");

  // Gate 3's evidence fails: passing it without a note is refused, and nothing is recorded.
  await expect(present.currentGate()).toContainText(/The evidence says\s*failing/);
  await page.keyboard.press("1");
  await expect(
    review.getByText("The evidence says failing: a pass needs a note saying why."),
  ).toBeVisible();
  await expect(review.getByLabel(/Note on/)).toBeFocused();
  await expect(review).toContainText("0 of 8 gates have a verdict");
  await page.keyboard.type("Registry rebuilt from Git last week; the probe runs again tonight");
  await page.keyboard.press("Escape");
  await page.keyboard.press("1");
  await expect(review.getByText(/Recorded pass for “Git hosting/)).toBeVisible();
  await expect(review).toContainText("1 of 8 gates have a verdict");

  // Ending with seven gates unreviewed asks first, naming them.
  await page.keyboard.press("e");
  const warning = page.getByRole("dialog", { name: "7 gates have no verdict yet" });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole("listitem")).toHaveCount(7);
  await expect(warning).toContainText("DNS and TLS are codified");
  await expect(warning).not.toContainText("Git hosting and container registry");
  await expectAccessible(page);
  await warning.getByRole("button", { name: "Keep reviewing" }).click();
  await expect(warning).toBeHidden();
  await expect(review.getByRole("heading", { name: "Review in progress" })).toBeVisible();

  await page.keyboard.press("e");
  await warning.getByRole("button", { name: "End review anyway" }).click();
  const summary = page.getByRole("dialog", { name: "Review summary" });
  await expect(summary.getByLabel("Review summary as Markdown")).toContainText(
    "1 of 8 gates reviewed.",
  );
  await summary.getByRole("button", { name: "Close" }).click();
  await expect(review.getByRole("button", { name: "Start review" })).toBeVisible();
});
