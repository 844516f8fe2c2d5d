/**
 * Tables of ops-hub's own database: the embedded hub (when no remote Inter-Hub
 * is configured) and the app's sign-in users. Timestamps are ISO 8601 UTC text
 * and JSON is text, so one schema serves SQLite and PostgreSQL alike.
 */
export type Database = {
  hubs: {
    id: string;
    name: string;
    slug: string;
    domain: string | null;
    hub_kind: string;
    hub_family: string | null;
    vsm_function: string | null;
    vsm_system: string | null;
    created_at: string;
  };
  manifests: {
    id: string;
    hub_id: string;
    status: "draft" | "active" | "superseded";
    description: string | null;
    widget_types: string;
    event_types: string;
    annotation_categories: string;
    policy_scopes: string;
    metadata: string;
    created_at: string;
    activated_at: string | null;
  };
  vocabulary: {
    kind: VocabularyKind;
    name: string;
    hub_id: string;
    manifest_id: string;
  };
  api_consumers: { id: string; name: string; hub_id: string | null; created_at: string };
  api_keys: {
    id: string;
    consumer_id: string;
    prefix: string;
    hash: string;
    scopes: string;
    created_at: string;
    revoked_at: string | null;
    /** Past this instant the key, and every token exchanged for it, is refused. */
    expires_at: string | null;
    /** Kept to the minute: written at most once a minute per key. */
    last_used_at: string | null;
  };
  access_tokens: { token_hash: string; key_id: string; expires_at: string };
  widgets: {
    id: string;
    hub_id: string;
    widget_type: string;
    slug: string;
    name: string;
    metadata: string;
    version: number;
    created_at: string;
    updated_at: string;
  };
  widget_versions: {
    id: string;
    widget_id: string;
    hub_id: string;
    version: number;
    change: "created" | "updated" | "deleted";
    snapshot: string;
    recorded_by: string | null;
    created_at: string;
  };
  interaction_events: {
    id: string;
    hub_id: string;
    widget_id: string;
    event_type: string;
    view_context: string | null;
    metadata: string;
    recorded_by: string | null;
    created_at: string;
  };
  latest_events: {
    widget_id: string;
    event_type: string;
    hub_id: string;
    /** The event itself (its id, and below its payload), so the latest evidence is read from here alone. */
    event_id: string;
    view_context: string | null;
    metadata: string;
    recorded_by: string | null;
    created_at: string;
  };
  /** A hub's change feed: its epoch (a feed restarted from scratch gets a new one) and last position. */
  hub_feeds: { hub_id: string; epoch: string; head: number };
  hub_changes: {
    hub_id: string;
    seq: number;
    resource: "widget" | "interaction-event" | "annotation";
    action: "created" | "updated" | "deleted";
    resource_id: string;
    widget_id: string;
    created_at: string;
  };
  annotations: {
    id: string;
    hub_id: string;
    widget_id: string;
    category: string;
    body: string;
    metadata: string;
    recorded_by: string | null;
    created_at: string;
  };
  idempotency_keys: {
    consumer_id: string;
    key: string;
    request_hash: string;
    /** 0 while the first request is still being processed. */
    status: number;
    response: string | null;
    created_at: string;
  };
  screen_links: {
    id: string;
    token_hash: string;
    wave_slug: string;
    label: string;
    /** JSON {id, name} of the admin who made it. */
    created_by: string;
    created_at: string;
    expires_at: string;
    revoked_at: string | null;
  };
  reviews: {
    id: string;
    wave_slug: string;
    /** JSON {id, name} of the approver who started it. */
    started_by: string;
    started_at: string;
    ended_at: string | null;
    /** The Markdown summary written when it ended. */
    summary: string | null;
  };
  outbox: {
    id: string;
    /** The slug of the hub the write belongs to. */
    hub: string;
    kind: "widget" | "event" | "annotation";
    /** JSON of the create request, with the item named by slug. */
    payload: string;
    idempotency_key: string;
    /** What a person would call it: "ops-backup-gap annotation on Gitea OCI registry /v2/". */
    summary: string;
    widget_slug: string | null;
    status: "pending" | "delivered" | "rejected";
    attempts: number;
    next_attempt_at: string;
    lease_owner: string | null;
    lease_until: string | null;
    last_error: string | null;
    /** JSON of what Inter-Hub answered. */
    result: string | null;
    /** JSON {id, name} of the user who wrote it. */
    created_by: string;
    created_at: string;
    delivered_at: string | null;
  };
  probe_leases: {
    /** `<widget id>:<event type>` */
    target: string;
    /** The instance that took the current slot. */
    holder: string;
    leased_at: string;
    next_due_at: string;
  };
  users: {
    id: string;
    username: string;
    password_hash: string;
    role: "viewer" | "operator" | "approver" | "admin";
    disabled: number;
    created_at: string;
    updated_at: string;
    /** Sessions that began before this instant are over (a password reset). */
    sessions_since: string | null;
  };
  /** Users who sign in through the OpenID Connect provider; the user row holds name, role, disabled. */
  oidc_identities: {
    issuer: string;
    subject: string;
    user_id: string;
    created_at: string;
    last_sign_in_at: string;
  };
  /** Sessions ended by signing out, kept until they would have expired. */
  ended_sessions: { session_id: string; expires_at: string };
};

export type VocabularyKind = "widget_type" | "event_type" | "annotation_category" | "policy_scope";
