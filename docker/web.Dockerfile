# syntax=docker/dockerfile:1
# The Openmsg web inbox (apps/web). Build from the repository root:
#   docker build -f docker/web.Dockerfile -t openmsg-web .
# Run with OPENMSG_NODE_URL pointing at the node (read at run time, not baked in).
# What the build stage copies is checked against the workspace by docker/dockerfile-check (part of
# scripts/test.sh): a workspace package or input the build needs and the file misses fails the tests.

FROM node:22-bookworm-slim AS build
# No compiler: nothing the web's install builds compiles native code (the check would say so).
RUN npm install -g pnpm@10.34.9
ENV CI=true NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
WORKDIR /app
# Manifests first: the dependency layer is reused until they change. Every workspace package's
# manifest is here because the lockfile covers them all.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/client/package.json packages/client/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
RUN pnpm install --frozen-lockfile --filter "@openmsg/web..." --filter .
COPY turbo.json tsconfig.base.json ./
# packages/core's build writes the API views' model types from the Prisma schema.
COPY prisma/schema.prisma prisma/
COPY packages/core packages/core
COPY packages/client packages/client
COPY apps/web apps/web
# Next's standalone output (next.config.ts): a server.js with only the files it traced as needed at
# run time, so the image carries no dev tools (Playwright, TypeScript, Tailwind) and no .next/cache.
ENV NEXT_OUTPUT=standalone
# Next's own server traces sharp and libvips (about 20 MB) for image optimization, which the inbox turns
# off (next.config.ts: images.unoptimized): they stay out of the image.
RUN pnpm turbo run build --filter "@openmsg/web..." --env-mode=loose \
    && cd apps/web/.next/standalone/node_modules && rm -rf .pnpm/sharp@* .pnpm/@img+* \
    && find . -xtype l -delete

FROM node:22-bookworm-slim
# HOSTNAME: the standalone server listens on $HOSTNAME, which a container runtime sets to the container's name.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 OPENMSG_NODE_URL=http://server:4000
WORKDIR /app
COPY --from=build /app/apps/web/.next/standalone ./
COPY --from=build /app/apps/web/.next/static apps/web/.next/static
COPY --from=build /app/apps/web/public apps/web/public
USER node
WORKDIR /app/apps/web
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/sign-in').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
