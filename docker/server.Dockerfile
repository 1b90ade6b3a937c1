# syntax=docker/dockerfile:1
# The Openmsg node (apps/server). Build from the repository root:
#   docker build -f docker/server.Dockerfile -t openmsg-server .

FROM node:22-bookworm-slim AS toolchain
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/* \
    && npm install -g pnpm@10.34.9
ENV CI=true NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
WORKDIR /app
# Manifests first: the dependency layers are reused until they change.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/client/package.json packages/client/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/

# Only what the server needs at run time: no devDependencies, no Prisma CLI, TypeScript or effect
# (see production-manifests.mjs). Versions still come from the lockfile; only peer links change,
# hence no --frozen-lockfile here.
FROM toolchain AS runtime-deps
COPY docker/production-manifests.mjs /tmp/
RUN node /tmp/production-manifests.mjs package.json apps/*/package.json packages/*/package.json --drop @prisma/client,prisma \
    && pnpm install --prod --no-frozen-lockfile --config.auto-install-peers=false --filter "@openmsg/server..."
# Files only the compilation, an editor or a reader uses (this stage is not shipped; the final stage copies what is
# left): better-sqlite3's C sources and objects (it loads build/Release/better_sqlite3.node), type declarations,
# source maps, packages' own tests, and their markdown (licences stay).
RUN cd node_modules/.pnpm/better-sqlite3@*/node_modules/better-sqlite3 \
    && mv build/Release/better_sqlite3.node /tmp/ && rm -rf build deps src \
    && mkdir -p build/Release && mv /tmp/better_sqlite3.node build/Release/ \
    && cd /app && find node_modules/.pnpm \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \) -type f -delete \
    && find node_modules/.pnpm -type f \( -iname '*.md' -o -iname '*.markdown' \) ! -iname 'licen[cs]e*' -delete \
    && find node_modules/.pnpm -depth -type d \( -name test -o -name tests -o -name __tests__ \) \
         -path '*/node_modules/*/*' -exec rm -rf {} +

FROM toolchain AS build
RUN pnpm install --frozen-lockfile --filter "@openmsg/server..." --filter .
COPY turbo.json tsconfig.base.json ./
COPY prisma prisma
COPY packages packages
COPY apps/server apps/server
RUN pnpm turbo run build --filter "@openmsg/server..." \
    && find packages/db/generated packages/*/dist apps/server/dist \( -name '*.d.ts' -o -name '*.d.cts' -o -name '*.map' \) -type f -delete

FROM node:22-bookworm-slim
ENV NODE_ENV=production OPENMSG_DATA_DIR=/data PORT=4000
WORKDIR /app
COPY --from=runtime-deps /app/node_modules node_modules
COPY --from=runtime-deps /app/packages/core/node_modules packages/core/node_modules
COPY --from=runtime-deps /app/packages/db/node_modules packages/db/node_modules
COPY --from=runtime-deps /app/apps/server/node_modules apps/server/node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/prisma/migrations prisma/migrations
COPY --from=build /app/packages/core/package.json packages/core/
COPY --from=build /app/packages/core/dist packages/core/dist
COPY --from=build /app/packages/db/package.json packages/db/
COPY --from=build /app/packages/db/dist packages/db/dist
COPY --from=build /app/packages/db/generated packages/db/generated
COPY --from=build /app/apps/server/package.json apps/server/
COPY --from=build /app/apps/server/dist apps/server/dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 4000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations apply at start. On SIGTERM the node stops taking work and lets deliveries finish.
STOPSIGNAL SIGTERM
CMD ["node", "apps/server/dist/main.js"]
