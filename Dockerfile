# The dossier worker and web app, as docker-compose.yml runs them against a Temporal cluster.

# The compiled command line (dist/, `npm run build`), built with the dev dependencies (@swc/core).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY bin ./bin
COPY scripts/build.js ./scripts/build.js
COPY domain ./domain
COPY machines ./machines
COPY workflows ./workflows
COPY activities ./activities
COPY platform ./platform
COPY worker ./worker
COPY http ./http
COPY cli ./cli
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# Exactly the lockfile's versions (the lockfile is complete for every platform)
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY domain ./domain
COPY machines ./machines
COPY workflows ./workflows
COPY activities ./activities
COPY platform ./platform
COPY worker ./worker
COPY http ./http
COPY cli ./cli
# The same sources as the build stage, so dist/'s stamp holds (bin/compiled.js): `dossier` runs the
# compiled command line. The worker runs from the sources (tsx) and bundles its workflows from them.
COPY --from=build /app/dist ./dist
# The embedded key and the sent-ledger live under data/ unless the environment says otherwise.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
CMD ["node", "--max-old-space-size=512", "bin/run.js", "worker/main.ts"]
