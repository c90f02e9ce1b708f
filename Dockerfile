# Drumbeat's runtime image: the compiled JavaScript (dist/) on the current Node LTS. The final stage
# has production dependencies only (no TypeScript, tsx or esbuild), no tests and no local Slack
# emulator, and runs as a non-root user.

# better-sqlite3 is compiled here when no prebuilt binary matches.
FROM node:24-bookworm-slim AS toolchain
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Compiles src/ to dist/ and bundles its programs with the development dependencies (tsc, esbuild);
# the emulator is dropped from the output.
FROM toolchain AS build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && rm -rf dist/sandbox

# Production dependencies only; --ignore-scripts skips `prepare` (the build above), so the one
# native module is built explicitly.
FROM toolchain AS deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm rebuild better-sqlite3

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DRUMBEAT_CONFIG=/config/drumbeat.yaml DRUMBEAT_DB=/data/drumbeat.db HEALTH_PORT=8080
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY migrations ./migrations
COPY --from=build /app/dist ./dist
# The image's `node` user, by number, so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 8080
# Liveness: the process answers and its database does; a Slack outage is not a reason to restart.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/livez').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
