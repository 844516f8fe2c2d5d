import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * Defence in depth: the JSON reads and exports under app/api check the
 * session themselves, so a gap in proxy.ts (a matcher change, a path it
 * misses) does not open them. The handlers are called directly here, with
 * no proxy in front, and nothing behind them may be read without a session.
 */
const session = vi.hoisted(() => ({
  user: null as null | { id: string; name: string; role: string },
}));
const readData = vi.hoisted(() =>
  vi.fn(() => {
    throw new Error("read without a session");
  }),
);

vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
vi.mock("@/lib/data/snapshot", () => ({ getCatalogModel: readData }));
vi.mock("@/lib/data/board", () => ({ getBoard: readData }));
vi.mock("@/lib/data/queries", () => ({ getTimeline: readData }));

const { GET: board } = await import("@/app/api/migrations/[wave]/board/route");
const { GET: boardExport } = await import("@/app/api/migrations/[wave]/export/route");
const { GET: timeline } = await import("@/app/api/items/[slug]/timeline/route");
const { GET: inventory } = await import("@/app/api/export/inventory/route");

const routes: [string, () => Promise<Response>][] = [
  [
    "board",
    () =>
      board(new Request("http://localhost/api/migrations/w/board"), {
        params: Promise.resolve({ wave: "w" }),
      }),
  ],
  [
    "board export",
    () =>
      boardExport(new Request("http://localhost/api/migrations/w/export?format=json"), {
        params: Promise.resolve({ wave: "w" }),
      }),
  ],
  [
    "timeline",
    () =>
      timeline(new Request("http://localhost/api/items/x/timeline"), {
        params: Promise.resolve({ slug: "x" }),
      }),
  ],
  ["inventory export", () => inventory(new Request("http://localhost/api/export/inventory"))],
];

describe("API route handlers without a session", () => {
  beforeEach(() => {
    session.user = null;
    readData.mockClear();
  });

  it.each(routes)("%s answers 401 JSON and reads nothing", async (_name, call) => {
    const response = await call();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthenticated" });
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(readData).not.toHaveBeenCalled();
  });

  it.each(routes)("%s reads the data with a session", async (_name, call) => {
    session.user = { id: "u1", name: "viewer", role: "viewer" };
    await expect(call()).rejects.toThrow("read without a session");
  });
});
