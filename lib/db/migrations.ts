import { sql, type Kysely, type Migration, type MigrationProvider } from "kysely";

/**
 * Versioned migrations, written once with Kysely's schema builder so that
 * SQLite and PostgreSQL get the same tables. Never edit a migration that has
 * shipped; add the next one.
 */
const migrations: Record<string, Migration> = {
  "0001_initial": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("hubs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("domain", "text")
        .addColumn("hub_kind", "text", (c) => c.notNull())
        .addColumn("hub_family", "text")
        .addColumn("vsm_function", "text")
        .addColumn("vsm_system", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("manifests")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("hub_id", "text", (c) => c.notNull().references("hubs.id"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("description", "text")
        .addColumn("widget_types", "text", (c) => c.notNull())
        .addColumn("event_types", "text", (c) => c.notNull())
        .addColumn("annotation_categories", "text", (c) => c.notNull())
        .addColumn("policy_scopes", "text", (c) => c.notNull())
        .addColumn("metadata", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("activated_at", "text")
        .execute();

      await db.schema
        .createTable("vocabulary")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("hub_id", "text", (c) => c.notNull().references("hubs.id"))
        .addColumn("manifest_id", "text", (c) => c.notNull().references("manifests.id"))
        .addPrimaryKeyConstraint("vocabulary_pk", ["kind", "name"])
        .execute();

      await db.schema
        .createTable("api_consumers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("hub_id", "text", (c) => c.references("hubs.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("api_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("consumer_id", "text", (c) => c.notNull().references("api_consumers.id"))
        .addColumn("prefix", "text", (c) => c.notNull().unique())
        .addColumn("hash", "text", (c) => c.notNull())
        .addColumn("scopes", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .execute();

      await db.schema
        .createTable("access_tokens")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("key_id", "text", (c) => c.notNull().references("api_keys.id"))
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("widgets")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("hub_id", "text", (c) => c.notNull().references("hubs.id"))
        .addColumn("widget_type", "text", (c) => c.notNull())
        .addColumn("slug", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("metadata", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("widgets_hub_slug", ["hub_id", "slug"])
        .execute();
      await db.schema
        .createIndex("widgets_hub_type")
        .on("widgets")
        .columns(["hub_id", "widget_type"])
        .execute();

      await db.schema
        .createTable("widget_versions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("widget_id", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("change", "text", (c) => c.notNull())
        .addColumn("snapshot", "text", (c) => c.notNull())
        .addColumn("recorded_by", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("widget_versions_widget")
        .on("widget_versions")
        .columns(["widget_id", "version"])
        .execute();

      await db.schema
        .createTable("interaction_events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("hub_id", "text", (c) => c.notNull().references("hubs.id"))
        .addColumn("widget_id", "text", (c) => c.notNull())
        .addColumn("event_type", "text", (c) => c.notNull())
        .addColumn("view_context", "text")
        .addColumn("metadata", "text", (c) => c.notNull())
        .addColumn("recorded_by", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("events_hub_created")
        .on("interaction_events")
        .columns(["hub_id", "created_at"])
        .execute();
      await db.schema
        .createIndex("events_widget_created")
        .on("interaction_events")
        .columns(["widget_id", "created_at"])
        .execute();

      await db.schema
        .createTable("annotations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("hub_id", "text", (c) => c.notNull().references("hubs.id"))
        .addColumn("widget_id", "text", (c) => c.notNull())
        .addColumn("category", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("metadata", "text", (c) => c.notNull())
        .addColumn("recorded_by", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("annotations_widget_created")
        .on("annotations")
        .columns(["widget_id", "created_at"])
        .execute();

      await db.schema
        .createTable("idempotency_keys")
        .addColumn("consumer_id", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("request_hash", "text", (c) => c.notNull())
        .addColumn("status", "integer", (c) => c.notNull())
        .addColumn("response", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("idempotency_keys_pk", ["consumer_id", "key"])
        .execute();

      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("username", "text", (c) => c.notNull().unique())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
    },
  },
  "0002_latest_events": {
    // The latest event per widget and event type, kept on every insert, so
    // evidence status is an indexed read instead of a scan of the history.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("latest_events")
        .addColumn("widget_id", "text", (c) => c.notNull())
        .addColumn("event_type", "text", (c) => c.notNull())
        .addColumn("hub_id", "text", (c) => c.notNull())
        .addColumn("event_id", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("latest_events_pk", ["widget_id", "event_type"])
        .execute();
      await db.schema
        .createIndex("latest_events_hub")
        .on("latest_events")
        .columns(["hub_id", "event_type"])
        .execute();
      await sql`
        insert into latest_events (widget_id, event_type, hub_id, event_id, created_at)
        select e.widget_id, e.event_type, e.hub_id, e.id, e.created_at from interaction_events e
        where not exists (
          select 1 from interaction_events n
          where n.widget_id = e.widget_id and n.event_type = e.event_type
            and (n.created_at > e.created_at or (n.created_at = e.created_at and n.id > e.id))
        )`.execute(db);
    },
  },
  "0003_screen_links_and_reviews": {
    // ops-hub's own records, not hub data: read-only links for shared
    // screens (token stored hashed), and migration reviews with their summary
    // (the next review's "since last review" starts where one ended).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("screen_links")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("wave_slug", "text", (c) => c.notNull())
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .execute();
      await db.schema
        .createTable("reviews")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("wave_slug", "text", (c) => c.notNull())
        .addColumn("started_by", "text", (c) => c.notNull())
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("ended_at", "text")
        .addColumn("summary", "text")
        .execute();
      await db.schema
        .createIndex("reviews_wave")
        .on("reviews")
        .columns(["wave_slug", "started_at"])
        .execute();
    },
  },
  "0004_probe_leases": {
    // One row per scheduled probe target: the instance that holds the current
    // slot and when the next one is due. Taking a slot is one conditional
    // update, so instances sharing a database probe once per cadence.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("probe_leases")
        .addColumn("target", "text", (c) => c.primaryKey())
        .addColumn("holder", "text", (c) => c.notNull())
        .addColumn("leased_at", "text", (c) => c.notNull())
        .addColumn("next_due_at", "text", (c) => c.notNull())
        .execute();
    },
  },
  "0005_outbox": {
    // Writes Inter-Hub has not acknowledged yet: written here first, then
    // delivered (with their Idempotency-Key) until Inter-Hub says yes or no.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("outbox")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("hub", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
        .addColumn("summary", "text", (c) => c.notNull())
        .addColumn("widget_slug", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("next_attempt_at", "text", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "text")
        .addColumn("last_error", "text")
        .addColumn("result", "text")
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("delivered_at", "text")
        .execute();
      await db.schema
        .createIndex("outbox_due")
        .on("outbox")
        .columns(["status", "next_attempt_at"])
        .execute();
      await db.schema
        .createIndex("outbox_widget")
        .on("outbox")
        .columns(["widget_slug", "status"])
        .execute();
    },
  },
  "0006_oidc_identities": {
    // Sign-in identities: who signed in through the OpenID Connect provider
    // (its issuer and subject, never its tokens), so an admin can see and
    // disable them like local accounts; sessions ended by signing out (until
    // they would have expired anyway); and a per-user cut-off before which
    // every session is over (set by a password reset).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("oidc_identities")
        .addColumn("issuer", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull().unique().references("users.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_sign_in_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("oidc_identities_pk", ["issuer", "subject"])
        .execute();
      await db.schema
        .createTable("ended_sessions")
        .addColumn("session_id", "text", (c) => c.primaryKey())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("ended_sessions_expires")
        .on("ended_sessions")
        .column("expires_at")
        .execute();
      await db.schema.alterTable("users").addColumn("sessions_since", "text").execute();
    },
  },
  "0007_read_indexes": {
    // A page of widgets sorted by name (or of one type, by name or slug) reads
    // the first rows of an index instead of sorting the hub's every widget;
    // the events of one type (risk acceptances, gate verdicts) are found
    // without walking a hub's whole history (seconds at a million events);
    // the latest events of a hub are paged in index order, not sorted whole
    // for every page.
    async up(db) {
      await db.schema
        .createIndex("latest_events_hub_order")
        .on("latest_events")
        .columns(["hub_id", "widget_id", "event_type"])
        .execute();
      await db.schema.dropIndex("latest_events_hub").execute();
      await db.schema
        .createIndex("events_hub_type_created")
        .on("interaction_events")
        .columns(["hub_id", "event_type", "created_at"])
        .execute();
      await db.schema
        .createIndex("widgets_hub_name")
        .on("widgets")
        .columns(["hub_id", "name", "id"])
        .execute();
      await db.schema
        .createIndex("widgets_hub_type_name")
        .on("widgets")
        .columns(["hub_id", "widget_type", "name", "id"])
        .execute();
      await db.schema
        .createIndex("widgets_hub_type_slug")
        .on("widgets")
        .columns(["hub_id", "widget_type", "slug"])
        .execute();
    },
  },
  "0008_change_feed": {
    // Every write to a hub's items, events and annotations gets a position in
    // that hub's one ordered sequence, so readers follow what changed instead
    // of re-reading the hub. `hub_feeds.head` is bumped in the writing
    // transaction: its row lock orders concurrent writers, so positions commit
    // in order and a reader that has seen position n never misses n - 1.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("hub_feeds")
        .addColumn("hub_id", "text", (c) => c.primaryKey())
        .addColumn("epoch", "text", (c) => c.notNull())
        .addColumn("head", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("hub_changes")
        .addColumn("hub_id", "text", (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("resource", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("resource_id", "text", (c) => c.notNull())
        .addColumn("widget_id", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("hub_changes_pk", ["hub_id", "seq"])
        .execute();
      await db.schema
        .createIndex("hub_changes_created")
        .on("hub_changes")
        .columns(["created_at"])
        .execute();
    },
  },
  "0009_key_lifecycle": {
    // API keys can expire, and admins see when each was last used; idempotency
    // records are pruned after a day, found by their creation time.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("api_keys").addColumn("expires_at", "text").execute();
      await db.schema.alterTable("api_keys").addColumn("last_used_at", "text").execute();
      await db.schema
        .createIndex("idempotency_keys_created")
        .on("idempotency_keys")
        .column("created_at")
        .execute();
    },
  },
  "0010_widget_versions_by_hub": {
    // A hub's items as they were at an instant (boards `?asOf=`) are read from
    // their versions, deleted items included: each version names its hub.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("widget_versions").addColumn("hub_id", "text").execute();
      await sql`
        update widget_versions set hub_id =
          (select widgets.hub_id from widgets where widgets.id = widget_versions.widget_id)
      `.execute(db);
      // The versions of items deleted since: their hub is in their snapshot.
      const orphans = await sql<{ id: string; snapshot: string }>`
        select id, snapshot from widget_versions where hub_id is null
      `.execute(db);
      for (const { id, snapshot } of orphans.rows) {
        const hubId = (JSON.parse(snapshot) as { hubId?: string }).hubId ?? "";
        await sql`update widget_versions set hub_id = ${hubId} where id = ${id}`.execute(db);
      }
      await db.schema
        .createIndex("widget_versions_hub_time")
        .on("widget_versions")
        .columns(["hub_id", "created_at"])
        .execute();
    },
  },
  "0011_latest_events_whole": {
    // The latest events carry the whole event, so the read of a hub's latest
    // evidence is one pass over this small table. Looking each one up by id in
    // the history was a random read per row: at 10,000,000 events (a 7 GB
    // SQLite file) the 152,000 lookups took 19 s from a cold page cache, most
    // of a 100,000-item start.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("latest_events").addColumn("view_context", "text").execute();
      await db.schema
        .alterTable("latest_events")
        .addColumn("metadata", "text", (c) => c.notNull().defaultTo("{}"))
        .execute();
      await db.schema.alterTable("latest_events").addColumn("recorded_by", "text").execute();
      await sql`
        update latest_events
        set view_context = e.view_context, metadata = e.metadata, recorded_by = e.recorded_by
        from interaction_events e where e.id = latest_events.event_id
      `.execute(db);
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
