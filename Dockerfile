# syntax=docker/dockerfile:1
# One image for every process of kommunegraf; the first argument chooses which (deploy/processes.ts):
#   gateway | employee | organisation | absence | payroll | migrate | extract-watch | changes-webhooks
# and, for trying the image only, sample | token. docs/deployment.md describes each.
# Node.js 24 LTS, the version the project is tested on.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# Build stage: every dependency, to build what the runtime serves but does not build itself.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The explorer bundle (GraphiQL, built with vite, a devDependency). The schemas and the persisted-query
# manifest the gateway reads are checked in under schema/ and copied as they are.
RUN npm run build:explorer

# Runtime stage: production dependencies only (tsx among them: the sources run as TypeScript).
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY . .
COPY --from=build /app/gateway/explorer/dist ./gateway/explorer/dist
# The bundle must look newer than the explorer sources, or the gateway would try to rebuild it (and
# vite is not here). var/ holds what a process writes locally: the sample's extracts, development keys.
RUN touch gateway/explorer/dist/index.html \
 && mkdir -p var/opus-extracts \
 && chown -R node:node var
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 4000 4001 4002 4003 4004
# /health of a server (the port from the process's own variable), success for a worker or job;
# compose asks /ready of the subgraphs instead (`deploy/healthcheck.mjs ready`).
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 CMD ["node", "deploy/healthcheck.mjs"]
ENTRYPOINT ["node", "--import", "tsx", "deploy/run.ts"]
CMD ["gateway"]
