// The environment for the standalone server. It changes into its own folder
// (.next/standalone) on start, so a relative data directory is resolved here,
// against the folder `npm start` ran in. HOSTNAME is pinned because shells
// export the machine's name in it, which the server would bind to instead of
// all interfaces.
//
// The V8 heap is capped (unless NODE_OPTIONS already sets a limit): by default
// V8 sizes it to the host's memory (4 GB here) and lets a load's garbage pile
// up to ~700 MB, then spends CPU for a minute afterwards giving it back. The
// live heap at 10,000 widgets is ~130 MB; the Dockerfile sets the same cap.
//
// glibc's malloc is told to give memory back (unless the environment already
// says otherwise; the Dockerfile sets the same). It serves large buffers (HTTP
// bodies, pages of JSON) with mmap, but after freeing one it raises that
// threshold up to 32 MB, so later large buffers come from its heap, where
// freed memory stays resident; and it gives each thread that allocates an
// arena of its own. After a bench run at 10,000 widgets the two held ~50 MB
// of free memory in the server's RSS (267 MB; 214 MB with a fixed threshold,
// 236 MB with two arenas).
import path from "node:path";

const HEAP_LIMIT_MB = 384;
const MALLOC = {
  MALLOC_MMAP_THRESHOLD_: "131072", // glibc's starting threshold, kept fixed
  MALLOC_ARENA_MAX: "2",
};

export function serverEnv(base = process.env, overrides = {}) {
  const env = {
    ...MALLOC,
    ...base,
    NODE_ENV: "production",
    HOSTNAME: "0.0.0.0",
    ...overrides,
  };
  env.OPS_HUB_DATA_DIR = path.resolve(env.OPS_HUB_DATA_DIR || "data");
  env.PORT = String(env.PORT || 3000);
  if (!/--max-old-space-size/.test(env.NODE_OPTIONS ?? ""))
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --max-old-space-size=${HEAP_LIMIT_MB}`.trim();
  return env;
}
