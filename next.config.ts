import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The Dockerfile runs the standalone server; `npm start` runs `next start`.
  output: "standalone",
  // Native and Node-only drivers of the embedded hub stay out of the bundle.
  serverExternalPackages: ["better-sqlite3", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
