import { describe, expect, it } from "vitest";
import type { Widget } from "./types";
import { buildCatalogModel } from "./catalog";
import { SEARCH_LIMIT, parseSearchResponse, searchCatalog, searchParamsSchema } from "./search";

function widget(type: string, slug: string, name: string, metadata: Record<string, unknown> = {}) {
  const item: Widget = {
    id: `w-${slug}`,
    hubId: "hub",
    type,
    slug,
    name,
    metadata,
    version: 1,
    createdAt: "2026-06-01T00:00:00.000Z",
    updatedAt: "2026-06-01T00:00:00.000Z",
  };
  return item;
}

const rowsOf = (widgets: Widget[]) =>
  buildCatalogModel({ widgets, latestEvents: [], annotations: [] }, new Date("2026-07-01")).rows;

const rows = rowsOf([
  widget("ops-environment", "ops-env-coulombcore", "Coulombcore", {
    role: "r",
    lifecycle: "production",
  }),
  widget("ops-service", "ops-service-gitea", "Gitea", { environment: "ops-env-coulombcore" }),
  widget("ops-service", "ops-service-gitea-postgres", "Gitea PostgreSQL", {
    environment: "ops-env-coulombcore",
  }),
  widget("ops-endpoint", "ops-endpoint-gitea-web", "Gitea web", {
    service: "ops-service-gitea",
    url: "https://gitea.example/",
    exposure: "public",
  }),
  widget("ops-service", "ops-service-forge", "Forge (the old gitea mirror)"),
  widget("ops-service", "gitea", "Legacy box"),
  widget("ops-service", "ops-service-state-hub", "State Hub", { notes: "gitea appears only here" }),
]);

const slugs = (query: string) => searchCatalog(rows, query).map((hit) => hit.slug);

describe("search, in the command palette and the catalog", () => {
  it("ranks exact names and slugs, then prefixes, then words, then anywhere in the name", () => {
    expect(slugs("gitea")).toEqual([
      "ops-service-gitea", // exact name, and the slug past its type
      "gitea", // exact slug
      "ops-service-gitea-postgres", // name prefix; services before endpoints
      "ops-endpoint-gitea-web",
      "ops-service-forge", // a word of the name
      "ops-service-state-hub", // only the metadata
    ]);
    expect(slugs("ops-service-gitea")[0]).toBe("ops-service-gitea");
    expect(slugs("ops-service-g")).toEqual([
      "ops-service-gitea",
      "ops-service-gitea-postgres",
      "ops-endpoint-gitea-web", // its metadata names the service
    ]);
    // Inside words only: equally good, so in catalog order (services by name, then endpoints).
    expect(slugs("itea")).toEqual([
      "ops-service-forge",
      "ops-service-gitea",
      "ops-service-gitea-postgres",
      "gitea",
      "ops-endpoint-gitea-web",
      "ops-service-state-hub",
    ]);
  });

  it("matches case-insensitively, every word of a multi-word query, metadata last", () => {
    expect(slugs("GITEA WEB")).toEqual(["ops-endpoint-gitea-web"]);
    expect(slugs("web gitea")).toEqual(["ops-endpoint-gitea-web"]);
    expect(slugs("postgres  gitea")).toEqual(["ops-service-gitea-postgres"]);
    expect(slugs("appears only")).toEqual(["ops-service-state-hub"]);
    expect(slugs("no such words")).toEqual([]);
  });

  it("answers a blank query with nothing, and names each hit's environment", () => {
    expect(searchCatalog(rows, "   ")).toEqual([]);
    expect(searchCatalog(rows, "gitea web")).toEqual([
      {
        slug: "ops-endpoint-gitea-web",
        name: "Gitea web",
        type: "ops-endpoint",
        environment: "Coulombcore",
      },
    ]);
    expect(searchCatalog(rows, "forge")[0]!.environment).toBeNull();
  });

  it(`returns at most ${SEARCH_LIMIT} hits, the best first, out of thousands`, () => {
    const many = rowsOf(
      Array.from({ length: 5000 }, (_, i) =>
        widget("ops-service", `svc-${String(i).padStart(4, "0")}`, `Service ${i}`),
      ),
    );
    const hits = searchCatalog(many, "svc-4999");
    expect(hits[0]!.slug).toBe("svc-4999");
    expect(searchCatalog(many, "service")).toHaveLength(SEARCH_LIMIT);
    expect(searchCatalog(many, "service", { limit: 5 }).map((hit) => hit.name)).toEqual([
      "Service 0",
      "Service 1",
      "Service 2",
      "Service 3",
      "Service 4",
    ]);
  });

  it("searches among the types a form offers: the best of them, not the best of all cut to them", () => {
    const many = rowsOf([
      ...Array.from({ length: 50 }, (_, i) => widget("ops-release", `rel-${i}`, `Gitea ${i}`)),
      widget("ops-backup-set", "backup-gitea", "Backups of the Gitea database"),
    ]);
    expect(searchCatalog(many, "gitea").every((hit) => hit.type === "ops-release")).toBe(true);
    expect(searchCatalog(many, "gitea", { types: ["ops-backup-set", "ops-host"] })).toEqual([
      expect.objectContaining({ slug: "backup-gitea" }),
    ]);
  });

  it("reads ?q= leniently and checks the answer's shape", () => {
    expect(searchParamsSchema.parse({ q: "  gitea " })).toEqual({ q: "gitea" });
    expect(searchParamsSchema.parse({})).toEqual({ q: "" });
    expect(searchParamsSchema.parse({ types: "ops-host,,ops-service" }).types).toEqual([
      "ops-host",
      "ops-service",
    ]);
    expect(searchParamsSchema.parse({ q: "x".repeat(500) }).q).toHaveLength(120);
    const hit = { slug: "a", name: "A", type: "ops-service", environment: null };
    expect(parseSearchResponse({ query: "a", hits: [hit], extra: 1 })).toEqual({
      query: "a",
      hits: [hit],
    });
    expect(() => parseSearchResponse({ query: "a", hits: [{ slug: "a" }] })).toThrow(TypeError);
    expect(() => parseSearchResponse({ query: "a", hits: [{ ...hit, environment: 1 }] })).toThrow();
    expect(() => parseSearchResponse(null)).toThrow();
  });
});
