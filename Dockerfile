# syntax=docker/dockerfile:1
# ops-hub: the standalone Next.js server, its embedded Inter-Hub and its data
# directory as a volume. Build: docker build -t ops-hub .
# Run:   docker run -p 3000:3000 -v ops-hub-data:/data ops-hub
# The first start prints where the admin password was written (in /data).

ARG NODE_VERSION=20.20.2

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 compiles its native module on install.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npx next build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    OPS_HUB_DATA_DIR=/data
# The V8 heap cap and glibc malloc settings scripts/server-env.mjs sets for
# `npm start` (why: there).
ENV NODE_OPTIONS=--max-old-space-size=384 \
    MALLOC_MMAP_THRESHOLD_=131072 \
    MALLOC_ARENA_MAX=2
WORKDIR /app
RUN groupadd --system --gid 10001 opshub \
  && useradd --system --uid 10001 --gid opshub --no-create-home opshub \
  && mkdir -p /data \
  && chown opshub:opshub /data \
  && chmod 0700 /data
# The application stays owned by root: the server can read it, not change it.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/scripts/ops-hub-server.mjs ./ops-hub-server.mjs
USER opshub
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "ops-hub-server.mjs"]
