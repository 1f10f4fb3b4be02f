# Watermark as an image: build in one stage, run the standalone server in a slim one.
#   docker build -t watermark .
#   docker run -p 3000:3000 -v watermark-data:/data -e KAFKA_BROKERS=kafka:9092 watermark
# or with a config file: -v ./watermark.yaml:/etc/watermark/watermark.yaml:ro
#   -e WATERMARK_CONFIG=/etc/watermark/watermark.yaml
# Behind a reverse proxy at a path, build for that path (Next.js fixes it in the build):
#   docker build --build-arg BASE_PATH=/watermark -t watermark .

FROM node:20-slim AS build
WORKDIR /src
# better-sqlite3 is a native module: its prebuilt binary, or a compiler to build it.
RUN apt-get update -q && apt-get install -y -q --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ARG BASE_PATH=""
ENV WATERMARK_STANDALONE=1 NEXT_TELEMETRY_DISABLED=1 WATERMARK_BASE_PATH=$BASE_PATH
RUN npm run build && npm run standalone -- /standalone

FROM node:20-slim
ARG BASE_PATH=""
# Next.js's server listens on the address HOSTNAME names; runtimes set HOSTNAME to the
# container's name (Kubernetes: the pod's, its IP only). Every address instead.
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 HOSTNAME=0.0.0.0 \
    WATERMARK_DATA_DIR=/data WATERMARK_BASE_PATH=$BASE_PATH
WORKDIR /app
COPY --from=build --chown=root:root /standalone ./
# The history database lives in /data, owned by the unprivileged user the server runs as.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Liveness only: /api/health says whether the clusters are being read (readiness).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + process.env.WATERMARK_BASE_PATH + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
