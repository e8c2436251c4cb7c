# syntax=docker/dockerfile:1
# rocket-sim image: the CLI, the prebuilt Artillery processor and plugin, the scenarios and the SQL
# the embedded local stack needs, installed from the package tarball with production dependencies only.
#
#   docker build -t rocket-sim .
#   docker run --rm --env-file .env -e SIM_CONFIRM_TARGET=<project>.supabase.co rocket-sim
#   docker run --rm rocket-sim run smoke            # offline: the embedded local stack in the container
#
# test/docker-image.test.ts replays these steps without Docker (npm pack, the runtime npm install,
# self-test and a short run), so keep the commands and paths below in the shapes it reads.

# --- build: npm ci, bundle dist/, pack the tarball npm would publish --------------------------------
FROM node:24-slim AS build
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    ARTILLERY_DISABLE_TELEMETRY=true
WORKDIR /build
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: `prepare` would build before the sources are copied, and no dependency needs its
# install script here (esbuild finds its platform binary through its optional dependency)
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# npm shrinkwrap turns the lockfile into npm-shrinkwrap.json, which the tarball carries (package.json
# "files"), so the runtime install below gets exactly the locked dependency versions
RUN npm run build && npm shrinkwrap && npm pack --ignore-scripts && mv rocket-sim-*.tgz rocket-sim.tgz

# --- runtime: the tarball's production dependencies, a non-root user -------------------------------
FROM node:24-slim AS runtime
ENV NODE_ENV=production \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    ARTILLERY_DISABLE_TELEMETRY=true \
    SIM_EVENT_LOG=- \
    PATH=/opt/rocket-sim/node_modules/.bin:$PATH
WORKDIR /opt/rocket-sim
COPY --from=build /build/rocket-sim.tgz /tmp/rocket-sim.tgz
# --prefix: the install directory, whatever the working directory; --ignore-scripts: no browser
# download (@playwright/browser-chromium), no node-gyp for optional native modules (nothing
# rocket-sim runs needs an install script)
RUN npm install --prefix /opt/rocket-sim --omit=dev --ignore-scripts --no-audit --no-fund --no-update-notifier /tmp/rocket-sim.tgz \
 && rm /tmp/rocket-sim.tgz \
 && npm cache clean --force \
 && mkdir -p /work/reports \
 && chown -R node:node /work
# runs write reports/<time>-<scenario>/ and .rocket-sim/ below the working directory
WORKDIR /work
USER node
# `docker stop` sends SIGTERM: rocket-sim stops Artillery, writes the report and releases its leases
STOPSIGNAL SIGTERM
ENTRYPOINT ["rocket-sim"]
# the legacy worker's job: steady synthetic traffic against the configured project, in one-hour
# chunks until stopped. The production guard needs SIM_CONFIRM_TARGET=<target host> (docs/migrating.md).
CMD ["run", "soak", "-e", "production"]
