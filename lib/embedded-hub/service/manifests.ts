import { randomUUID } from "node:crypto";
import type { ListQuery, manifestCreateRequest } from "@/lib/interhub/wire";
import type { VocabularyKind } from "@/lib/db/schema";
import { HubFault } from "../faults";
import * as toWire from "../to-wire";
import {
  meta,
  pageOf,
  paging,
  requireFramework,
  requireScope,
  unique,
  type HubContext,
  type Principal,
  type RequestBody,
} from "./context";

const VOCABULARY: {
  kind: VocabularyKind;
  field: "widget_types" | "event_types" | "annotation_categories" | "policy_scopes";
}[] = [
  { kind: "widget_type", field: "widget_types" },
  { kind: "event_type", field: "event_types" },
  { kind: "annotation_category", field: "annotation_categories" },
  { kind: "policy_scope", field: "policy_scopes" },
];

/** Capability manifests, and the vocabulary that their activation registers. */
export function createManifests({ db, now, findHub, requireHub }: HubContext) {
  async function listManifests(principal: Principal | null, query: ListQuery) {
    requireFramework(principal);
    let base = db.selectFrom("manifests");
    if (query.hub) {
      const hub = await findHub(query.hub);
      base = base.where("hub_id", "=", hub?.id ?? "");
    }
    return pageOf(base, query, { column: "created_at", direction: "desc" }, toWire.manifest);
  }

  async function getManifest(principal: Principal | null, id: string) {
    requireFramework(principal);
    const row = await db
      .selectFrom("manifests")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw HubFault.notFound(`manifest ${id}`);
    return toWire.manifest(row);
  }

  async function createManifest(
    principal: Principal | null,
    body: RequestBody<typeof manifestCreateRequest>,
  ) {
    requireScope(principal, "framework:admin");
    const hub = await requireHub(body.hubId);
    const row = {
      id: randomUUID(),
      hub_id: hub.id,
      status: "draft" as const,
      description: body.description ?? null,
      widget_types: JSON.stringify(unique(body.widgetTypes)),
      event_types: JSON.stringify(unique(body.eventTypes)),
      annotation_categories: JSON.stringify(unique(body.annotationCategories)),
      policy_scopes: JSON.stringify(unique(body.policyScopes)),
      metadata: JSON.stringify(body.metadata),
      created_at: now(),
      activated_at: null,
    };
    await db.insertInto("manifests").values(row).execute();
    return toWire.manifest(row);
  }

  /** Activating registers the manifest's vocabulary and supersedes the hub's previous manifest. */
  async function activateManifest(principal: Principal | null, id: string) {
    requireScope(principal, "framework:admin");
    return db.transaction().execute(async (trx) => {
      const manifest = await trx
        .selectFrom("manifests")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      if (!manifest) throw HubFault.notFound(`manifest ${id}`);
      if (manifest.status === "active") return toWire.manifest(manifest);
      const wanted = VOCABULARY.flatMap(({ kind, field }) =>
        (JSON.parse(manifest[field]) as string[]).map((name) => ({ kind, name })),
      );
      const taken = await trx
        .selectFrom("vocabulary")
        .select(["kind", "name"])
        .where("hub_id", "!=", manifest.hub_id)
        .execute();
      const conflicts = wanted.filter((w) =>
        taken.some((t) => t.kind === w.kind && t.name === w.name),
      );
      if (conflicts.length > 0) {
        throw HubFault.conflict(
          "vocabulary_conflict",
          `already registered by another hub: ${conflicts.map((c) => `${c.kind} ${c.name}`).join(", ")}`,
        );
      }
      await trx.deleteFrom("vocabulary").where("hub_id", "=", manifest.hub_id).execute();
      if (wanted.length > 0) {
        await trx
          .insertInto("vocabulary")
          .values(wanted.map((w) => ({ ...w, hub_id: manifest.hub_id, manifest_id: manifest.id })))
          .execute();
      }
      await trx
        .updateTable("manifests")
        .set({ status: "superseded" })
        .where("hub_id", "=", manifest.hub_id)
        .where("status", "=", "active")
        .execute();
      const activatedAt = now();
      await trx
        .updateTable("manifests")
        .set({ status: "active", activated_at: activatedAt })
        .where("id", "=", id)
        .execute();
      return toWire.manifest({ ...manifest, status: "active", activated_at: activatedAt });
    });
  }

  async function listVocabulary(
    principal: Principal | null,
    kind: VocabularyKind,
    query: ListQuery,
    isPublic = false,
  ) {
    if (!isPublic) requireFramework(principal);
    let base = db
      .selectFrom("vocabulary")
      .innerJoin("hubs", "hubs.id", "vocabulary.hub_id")
      .where("vocabulary.kind", "=", kind);
    if (query.hub)
      base = base.where((eb) =>
        eb.or([eb("hubs.id", "=", query.hub!), eb("hubs.slug", "=", query.hub!)]),
      );
    if (query.q) base = base.where("vocabulary.name", "like", `%${query.q}%`);
    const [rows, count] = await Promise.all([
      base
        .select([
          "vocabulary.name",
          "vocabulary.hub_id",
          "vocabulary.manifest_id",
          "hubs.slug as hub_slug",
        ])
        .orderBy("vocabulary.name")
        .limit(paging(query).limit)
        .offset(paging(query).offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
    ]);
    return {
      data: rows.map((row) => ({
        name: row.name,
        hubId: row.hub_id,
        hubSlug: row.hub_slug,
        manifestId: row.manifest_id,
      })),
      meta: meta(query, count?.n),
    };
  }

  return { listManifests, getManifest, createManifest, activateManifest, listVocabulary };
}
