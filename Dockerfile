# The dossier worker and web app, as docker-compose.yml runs them against a Temporal cluster.
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
# The embedded key and the sent-ledger live under data/ unless the environment says otherwise.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
CMD ["node", "--max-old-space-size=512", "bin/run.js", "worker/main.ts"]
