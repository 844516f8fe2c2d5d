import "server-only";
import { readdirSync } from "node:fs";
import { cookies } from "next/headers";
import { cache } from "react";
import { dataPath, readSecretFile } from "@/lib/data-dir";
import { getEnv } from "@/lib/env";
import { hubChangeVersion } from "@/lib/hub-changes";
import { processSingleton } from "@/lib/process-singleton";
import { createInterHubClient, listAll, type InterHubClient } from "./client";
import { v2BaseUrl } from "./wire";
import { SLUG } from "@/lib/domain/slug";

/**
 * How this process reaches its embedded hub: in process (not over the app's
 * own HTTP routes), through the same client and wire format as a remote one.
 * Start-up (lib/startup.ts) hands it over once the hub is ready, so this
 * client knows nothing of the server it talks to.
 */
export type InProcessHub = {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  runtimeKeyFile: string;
  /** The embedded hub's framework:admin key, for the admin's key management. */
  operatorKeyFile: string;
};

const inProcess = processSingleton<{ hub?: InProcessHub }>("interhub-in-process", () => ({}));

export function connectInProcessHub(hub: InProcessHub): void {
  inProcess.hub = hub;
}

/**
 * The Inter-Hub client for one hub: a remote Inter-Hub when `INTERHUB_URL` is
 * set, else the embedded one. The hub is always named: a write or a read
 * belongs to the hub the user is looking at, never to a default. One client
 * per hub and process, so its Bearer token is exchanged once and shared.
 *
 * Security boundary: this module and the client are the only holders of the
 * keys. A key never enters a session, a client component, a response or a log.
 */
export function getInterHub(hubSlug: string): Promise<InterHubClient> {
  const isDefault = hubSlug === getHubSlug();
  return processSingleton(
    isDefault ? "interhub-client" : `interhub-client:${hubSlug}`,
    async () => {
      const env = getEnv();
      // The configured hub uses the configured key; any other hub its own key file.
      const keyFile = isDefault ? undefined : hubKeyFile(hubSlug);
      if (env.INTERHUB_URL) {
        return createInterHubClient({
          baseUrl: v2BaseUrl(env.INTERHUB_URL),
          apiKey: () =>
            keyFile
              ? requireKeyFile(keyFile)
              : (env.OPS_HUB_KEY ?? requireKeyFile(env.OPS_HUB_KEY_FILE!)),
          timeoutMs: env.INTERHUB_TIMEOUT_MS,
        });
      }
      const hub = inProcess.hub;
      if (!hub) throw new Error("The embedded hub has not started: see lib/startup.ts");
      return createInterHubClient({
        baseUrl: hub.baseUrl,
        apiKey: () => requireKeyFile(keyFile ?? hub.runtimeKeyFile),
        fetch: (input, init) => hub.fetch(new Request(input, init)),
        timeoutMs: env.INTERHUB_TIMEOUT_MS,
      });
    },
  );
}

/**
 * The embedded hub's operator (framework:admin) client, for /admin's key
 * management; null with a remote Inter-Hub, whose keys its own admins manage.
 */
export function getEmbeddedOperator(): Promise<InterHubClient> | null {
  const hub = inProcess.hub;
  if (getEnv().INTERHUB_URL || !hub) return null;
  return processSingleton("interhub-embedded-operator", async () =>
    createInterHubClient({
      baseUrl: hub.baseUrl,
      apiKey: () => requireKeyFile(hub.operatorKeyFile),
      fetch: (input, init) => hub.fetch(new Request(input, init)),
    }),
  );
}

/**
 * The prefixes (not secret) of the keys this server holds for its embedded
 * hub: revoking one of those would cut the app off from its own hub.
 */
export function heldKeyPrefixes(): string[] {
  const hub = inProcess.hub;
  if (!hub) return [];
  return [hub.operatorKeyFile, hub.runtimeKeyFile, ...slugsWithKeys().map(hubKeyFile)]
    .map((file) => /^ihk_([0-9a-f]{8})_/.exec(readSecretFile(file) ?? "")?.[1])
    .filter((prefix): prefix is string => !!prefix);
}

/** The configured hub (`OPS_HUB_HUB_SLUG`): the default one this app shows. */
export function getHubSlug(): string {
  return getEnv().OPS_HUB_HUB_SLUG;
}

/**
 * Several hubs in one app. Each hub has its own API consumer and runtime key
 * (least privilege: a key reads and writes one hub), and ops-hub shows a hub
 * when it holds that hub's runtime key in `<data>/keys/<slug>-runtime.key` —
 * where the embedded hub keeps ops-hub's own and `npx ops-hub bootstrap
 * --runtime-key-file` writes a new hub's. The configured hub is always there.
 */
export type AppHub = { slug: string; name: string; vsmFunction: string | null };

const HUB_LIST_TTL_MS = 30_000;

function hubKeyFile(slug: string): string {
  return dataPath("keys", `${slug}-runtime.key`);
}

function slugsWithKeys(): string[] {
  try {
    return readdirSync(dataPath("keys"))
      .map((file) => /^(.+)-runtime\.key$/.exec(file)?.[1])
      .filter((slug): slug is string => !!slug && SLUG.test(slug));
  } catch {
    return [];
  }
}

const hubList = processSingleton<{
  hubs?: { at: number; version: number; list: AppHub[] };
}>("app-hubs", () => ({}));

/** The hubs this app can show, the configured one first. */
export async function listAppHubs(): Promise<AppHub[]> {
  const fallback = getHubSlug();
  const slugs = new Set([fallback, ...slugsWithKeys()]);
  const cached = hubList.hubs;
  let known = cached?.list;
  if (
    !cached ||
    cached.version !== hubChangeVersion() ||
    Date.now() - cached.at > HUB_LIST_TTL_MS
  ) {
    try {
      const hubs = await listAll((await getInterHub(fallback)).listHubs);
      known = hubs.map((hub) => ({ slug: hub.slug, name: hub.name, vsmFunction: hub.vsmFunction }));
      hubList.hubs = { at: Date.now(), version: hubChangeVersion(), list: known };
    } catch {
      // Inter-Hub unreachable: the configured hub alone, until it answers.
      known ??= [];
    }
  }
  const bySlug = new Map((known ?? []).map((hub) => [hub.slug, hub]));
  return [...slugs]
    .filter((slug) => slug === fallback || bySlug.has(slug))
    .map((slug) => bySlug.get(slug) ?? { slug, name: slug, vsmFunction: null });
}

/** The cookie that remembers the hub a user chose; not a secret, only a preference. */
export const HUB_COOKIE = "ops-hub-hub";

/** The hub this request shows: the user's choice when ops-hub can show it, else the configured one. */
export const getCurrentHubSlug = cache(async (): Promise<string> => {
  const wanted = (await cookies()).get(HUB_COOKIE)?.value;
  if (!wanted || wanted === getHubSlug() || !SLUG.test(wanted)) return getHubSlug();
  return (await listAppHubs()).some((hub) => hub.slug === wanted) ? wanted : getHubSlug();
});

/** The current hub and the client that holds its key, for reads and writes of this request. */
export async function getCurrentHub(): Promise<{ slug: string; client: InterHubClient }> {
  const slug = await getCurrentHubSlug();
  return { slug, client: await getInterHub(slug) };
}

export function interHubMode(): "remote" | "embedded" {
  return getEnv().INTERHUB_URL ? "remote" : "embedded";
}

function requireKeyFile(file: string): string {
  const key = readSecretFile(file);
  if (!key) throw new Error(`The Inter-Hub key file ${file} is missing or empty`);
  return key;
}
