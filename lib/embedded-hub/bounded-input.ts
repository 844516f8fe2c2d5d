import "server-only";
import { MAX_METADATA_BYTES, MAX_METADATA_DEPTH } from "@/lib/interhub/wire";
import { HubFault } from "./faults";

/**
 * What the hub accepts of a request body, checked before anything walks or
 * stores it: a hostile client must not be able to exhaust the heap (large
 * bodies, large metadata kept forever) or the stack (deep nesting).
 */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Deep enough for any metadata within its own bound, with the request around it. */
export const MAX_BODY_DEPTH = 64;

export const bodyTooLarge = () =>
  HubFault.payloadTooLarge(`body: larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`);

/**
 * A body stream read up to the limit, whatever Content-Length says (a chunked
 * body has none): past it the stream is cancelled and nothing more is read.
 */
export async function readBoundedText(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
): Promise<string> {
  if (Number(declaredLength) > MAX_BODY_BYTES) throw bodyTooLarge();
  if (!body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString("utf8");
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw bodyTooLarge();
    }
    chunks.push(value);
  }
}

/**
 * Parses a body: valid JSON, at most MAX_BODY_DEPTH deep, no NUL character
 * (PostgreSQL's text cannot hold one: refused at the door, naming where it
 * was, before it can fail a query and, in a batch, its neighbours).
 */
export function parseBody(text: string): unknown {
  // Before parsing: JSON.parse builds every level of a deep body first, which
  // for 1 MiB of `[` holds the main thread for over a second.
  if (nestsDeeperThan(text, MAX_BODY_DEPTH))
    throw HubFault.badRequest(`body: nested deeper than ${MAX_BODY_DEPTH} levels`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw HubFault.badRequest("body: not valid JSON");
  }
  assertNoNul(body, "body");
  return body;
}

/** Whether JSON text nests arrays and objects deeper than `limit`: one pass over the text. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x22) i = endOfString(text, i);
    else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return false;
}

/** The index of the quote that closes the string opened at `start`, found natively, not char by char. */
function endOfString(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes += 1;
    // An odd number of backslashes escapes this quote.
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

/** A walk no deeper than MAX_BODY_DEPTH: parseBody checked the nesting first. */
function assertNoNul(value: unknown, where: string): void {
  if (typeof value === "string") withoutNul(value, where);
  else if (Array.isArray(value)) value.forEach((item, i) => assertNoNul(item, `${where}.${i}`));
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) {
      withoutNul(key, where);
      assertNoNul(item, `${where}.${key}`);
    }
}

export function withoutNul(value: string, where: string): string {
  if (value.includes("\0")) throw HubFault.badRequest(`${where}: must not contain NUL characters`);
  return value;
}

/**
 * A write's metadata within its bounds: every widget, event and annotation
 * is kept, read into memory by every snapshot, and never expires.
 */
export function assertBoundedMetadata(body: unknown, bodyBytes: number): void {
  if (!body || typeof body !== "object" || !("metadata" in body)) return;
  const { metadata } = body;
  if (depthOf(metadata, MAX_METADATA_DEPTH + 1) > MAX_METADATA_DEPTH)
    throw HubFault.badRequest(`metadata: nested deeper than ${MAX_METADATA_DEPTH} levels`);
  // Metadata is part of the body: within a body that small it needs no measuring.
  if (bodyBytes <= MAX_METADATA_BYTES) return;
  const bytes = Buffer.byteLength(JSON.stringify(metadata ?? null));
  if (bytes > MAX_METADATA_BYTES)
    throw HubFault.payloadTooLarge(
      `metadata: ${bytes} bytes serialized, larger than ${MAX_METADATA_BYTES / 1024} KiB (${MAX_METADATA_BYTES} bytes)`,
    );
}

/** How deep a JSON value nests (an object or array is one level), counted no further than `stopAt`. */
function depthOf(value: unknown, stopAt: number): number {
  if (!value || typeof value !== "object") return 0;
  if (stopAt <= 1) return 1;
  let deepest = 0;
  for (const item of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(item, stopAt - 1));
    if (deepest >= stopAt - 1) break;
  }
  return 1 + deepest;
}
