// First-load JavaScript per route, measured the way a browser meets it.
//
// Next 16 with Turbopack no longer prints "First Load JS" in `next build`. The
// build does write `.next/diagnostics/route-bundle-stats.json` (per route
// pattern: chunk paths and their uncompressed sum), but it is an undocumented
// diagnostic, keyed by pattern ("/catalog/[slug]"), without compressed sizes,
// and not exact (it lists a duplicate next/link chunk that App Router pages
// never request). So the route's HTML from the running production server is
// the source of truth: every `<script src="/_next/static/…">` (and any
// modulepreload / preload-as-script link) is a file the browser fetches before
// the page is interactive; App Router emits one for each chunk of the client
// components the page renders, after the framework's own. The inline RSC
// payload (`self.__next_f.push(…)`) names further chunks, e.g. an error.tsx
// boundary's: the Flight client preloads every client reference it resolves
// while hydrating, so those count too. Scripts marked `nomodule` (the legacy
// polyfills) are left out: no module-capable browser downloads them. Each file
// is read from the build output (`staticDir`, i.e. `.next/static`),
// deduplicated, and summed raw and gzipped (zlib level 9, about what a static
// gzip sends; brotli would be smaller). `bundleStats()` reads the diagnostic
// file, to cross-check the list.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const PREFIX = "/_next/static/";
const attribute = (tag, name) =>
  tag
    .match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, "i"))
    ?.slice(2)
    .find((value) => value !== undefined);
const hasAttribute = (tag, name) => new RegExp(`\\s${name}(\\s|=|/?>)`, "i").test(tag);

/** The /_next/static/… JavaScript files a route's HTML makes a modern browser load. */
export function scriptFiles(html) {
  const files = new Set();
  const add = (url) => {
    if (!url) return;
    const pathname = new URL(url.replaceAll("&amp;", "&"), "http://x").pathname;
    if (pathname.startsWith(PREFIX) && pathname.endsWith(".js"))
      files.add(decodeURIComponent(pathname.slice(PREFIX.length)));
  };
  for (const [, tag, body] of html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)) {
    if (hasAttribute(tag, "nomodule")) continue;
    add(attribute(tag, "src"));
    for (const [url] of body.matchAll(/\/_next\/static\/[\w.~%/-]+?\.js\b/g)) add(url);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attribute(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    const as = (attribute(tag, "as") ?? "").toLowerCase();
    if (rel.includes("modulepreload") || (rel.includes("preload") && as === "script"))
      add(attribute(tag, "href"));
  }
  return [...files].sort();
}

/**
 * @param {{ baseUrl: string, cookie?: string, routes: string[], staticDir: string }} options
 * @returns {Promise<{ route: string, files: string[], rawBytes: number, gzipBytes: number }[]>}
 */
export async function firstLoadJs({ baseUrl, cookie, routes, staticDir }) {
  const sizes = new Map();
  const size = (file) => {
    if (!sizes.has(file)) {
      const bytes = readFileSync(path.join(staticDir, file));
      sizes.set(file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    }
    return sizes.get(file);
  };
  const results = [];
  for (const route of routes) {
    const response = await fetch(new URL(route, baseUrl), {
      headers: { accept: "text/html", ...(cookie ? { cookie } : {}) },
      redirect: "manual",
    });
    // A redirect (to /signin) would measure the wrong page.
    if (response.status !== 200) throw new Error(`GET ${route} answered ${response.status}`);
    const files = scriptFiles(await response.text());
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const file of files) {
      rawBytes += size(file).raw;
      gzipBytes += size(file).gzip;
    }
    results.push({ route, files, rawBytes, gzipBytes });
  }
  return results;
}

/** `.next/diagnostics/route-bundle-stats.json` as pattern → files relative to `static/`. */
export function bundleStats(nextDir) {
  const stats = JSON.parse(
    readFileSync(path.join(nextDir, "diagnostics", "route-bundle-stats.json"), "utf8"),
  );
  return new Map(
    stats.map(({ route, firstLoadChunkPaths }) => [
      route,
      firstLoadChunkPaths.map((file) => file.replace(/^(\.next\/)?static\//, "")).sort(),
    ]),
  );
}
