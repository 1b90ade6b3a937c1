# syntax=docker/dockerfile:1
# The Openmsg web inbox (apps/web). Build from the repository root:
#   docker build -f docker/web.Dockerfile -t openmsg-web .
# Run with OPENMSG_NODE_URL pointing at the node (read at run time, not baked in).

FROM node:22-bookworm-slim AS toolchain
RUN npm install -g pnpm@10.34.9
ENV CI=true NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/

FROM toolchain AS runtime-deps
RUN pnpm install --frozen-lockfile --prod --filter "@openmsg/web..."

FROM toolchain AS build
RUN pnpm install --frozen-lockfile --filter "@openmsg/web..." --filter .
COPY turbo.json tsconfig.base.json ./
COPY packages/core packages/core
COPY apps/web apps/web
RUN pnpm turbo run build --filter "@openmsg/web..."

FROM node:22-bookworm-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 OPENMSG_NODE_URL=http://server:4000
WORKDIR /app
COPY --from=runtime-deps /app/node_modules node_modules
COPY --from=runtime-deps /app/packages/core/node_modules packages/core/node_modules
COPY --from=runtime-deps /app/apps/web/node_modules apps/web/node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/packages/core/package.json packages/core/
COPY --from=build /app/packages/core/dist packages/core/dist
COPY --from=build /app/apps/web/package.json /app/apps/web/next.config.ts apps/web/
COPY --from=build /app/apps/web/.next apps/web/.next
RUN rm -rf apps/web/.next/cache
USER node
WORKDIR /app/apps/web
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/sign-in').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["sh", "-c", "exec node node_modules/next/dist/bin/next start -p \"$PORT\""]
