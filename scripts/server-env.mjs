// The environment for the standalone server. It changes into its own folder
// (.next/standalone) on start, so a relative data directory is resolved here,
// against the folder `npm start` ran in. HOSTNAME is pinned because shells
// export the machine's name in it, which the server would bind to instead of
// all interfaces.
import path from "node:path";

export function serverEnv(base = process.env, overrides = {}) {
  const env = { ...base, NODE_ENV: "production", HOSTNAME: "0.0.0.0", ...overrides };
  env.OPS_HUB_DATA_DIR = path.resolve(env.OPS_HUB_DATA_DIR || "data");
  env.PORT = String(env.PORT || 3000);
  return env;
}
