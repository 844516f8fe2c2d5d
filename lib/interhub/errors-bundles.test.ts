import { describe, expect, it, vi } from "vitest";

describe("an InterHubError made by another copy of the module", () => {
  it("is an InterHubError here too (start-up and the routes are bundled apart)", async () => {
    const here = await import("./errors");
    vi.resetModules();
    const there = await import("./errors");
    expect(there.InterHubError).not.toBe(here.InterHubError);
    const error = new there.InterHubError("upstream_unavailable", "Inter-Hub unreachable");
    expect(error instanceof here.InterHubError).toBe(true);
    expect(new Error("plain") instanceof here.InterHubError).toBe(false);
  });
});
