# Drumbeat: the bot runs its TypeScript sources through tsx; better-sqlite3 is compiled here.
FROM node:20-bookworm-slim AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DRUMBEAT_CONFIG=/config/drumbeat.yaml DRUMBEAT_DB=/data/drumbeat.db HEALTH_PORT=8080
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
USER node
EXPOSE 8080
CMD ["node_modules/.bin/tsx", "src/main.ts"]
