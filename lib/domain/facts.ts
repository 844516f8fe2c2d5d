/**
 * Metadata as people read it: keys in words, lists as lists, nested objects
 * as nested facts, never raw JSON. Fields that only machines need (how a
 * seed was keyed, which live event a copy came from) are told apart, so a
 * page can fold them under "Details".
 */
export type Fact = {
  key: string;
  label: string;
  value: { kind: "text"; text: string; code: boolean } | { kind: "facts"; facts: Fact[] };
};

/** Bookkeeping of the importer and the seed, not facts about the estate. */
const INTERNAL_KEYS = new Set(["seedKey", "liveEventId", "source"]);

export const isInternalKey = (key: string) => INTERNAL_KEYS.has(key);

/** Words written in capitals however a key spells them. */
const ACRONYMS = new Set(["ip", "ips", "url", "urls", "tls", "dns", "id", "api", "http", "vsm"]);

/**
 * `publicIps` → "Public IPs", `expectedStatus` → "Expected status". Keys that
 * are already words or headers (`Docker-Distribution-Api-Version`) stay.
 */
export function factLabel(key: string): string {
  if (/^[A-Z]/.test(key) || /[^A-Za-z0-9_]/.test(key)) return key;
  const words = key
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(" ")
    .filter(Boolean)
    .map((word) => (ACRONYMS.has(word) ? word.toUpperCase().replace(/S$/, "s") : word));
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Identifiers, addresses and numbers read best in monospace; prose does not. */
const looksLikeCode = (text: string) => !/\s/.test(text) || text.includes("://");

function factValue(value: unknown): Fact["value"] {
  if (value === null || value === undefined) return { kind: "text", text: "—", code: false };
  if (typeof value === "boolean") return { kind: "text", text: value ? "yes" : "no", code: false };
  if (typeof value === "number") return { kind: "text", text: String(value), code: true };
  if (typeof value === "string") return { kind: "text", text: value, code: looksLikeCode(value) };
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== "object")) {
      const texts = value.map((item) => String(item ?? "—"));
      return { kind: "text", text: texts.join(", "), code: texts.every(looksLikeCode) };
    }
    return {
      kind: "facts",
      facts: value.map((item, index) => ({
        key: String(index),
        label: `${index + 1}.`,
        value: factValue(item),
      })),
    };
  }
  if (typeof value === "object") return { kind: "facts", facts: toFacts(Object.entries(value)) };
  return { kind: "text", text: String(value), code: false };
}

/** Entries as facts, in their order. */
export function toFacts(entries: [string, unknown][]): Fact[] {
  return entries.map(([key, value]) => ({ key, label: factLabel(key), value: factValue(value) }));
}

/**
 * "HF-WP-0001 T07 (operator, recorded by the SQL fallback)" → "HF-WP-0001 T07":
 * who observed, without how their record travelled; the full text stays in Details.
 */
export function shortObserver(observer: string): string {
  return observer.replace(/\s*\([^)]*\)\s*$/, "") || observer;
}
