# The dossier worker, as docker-compose.yml runs it against a Temporal cluster.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY domain ./domain
COPY machines ./machines
COPY workflows ./workflows
COPY activities ./activities
COPY worker ./worker
COPY cli ./cli
USER node
CMD ["node", "bin/run.js", "worker/main.ts"]
