# syntax=docker/dockerfile:1
#
# PHP 8.2 from Debian 12 (php8.2-cli, php8.2-fpm) with appengine_sockets enabled for both
# SAPIs, set to the defaults in packaging/appengine_sockets.ini.
#
#   docker build -t appengine-sockets .
#   docker run --rm appengine-sockets php --ri appengine_sockets
#   docker run -d -p 9000:9000 -v "$PWD:/var/www/html" appengine-sockets   # php-fpm on :9000
#
# Every step is in packaging/build-image-steps.sh: CI runs the same script on its own
# machine (scripts/ci-packaging.sh), which has no Docker, so the steps cannot rot unseen.
# This file only lays out the stages and what crosses between them.

# Build stage: Debian 12 with Rust; the script adds php8.2-dev and libclang-dev, so the
# extension is compiled against the PHP 8.2 headers of the same Debian release as the
# runtime below (the runtime step checks that the PHP API numbers agree).
FROM rust:1.95-slim-bookworm AS build
ARG SOURCE_VERSION=unknown
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src/ src/
COPY policy/ policy/
COPY data/ data/
COPY stubs/ stubs/
COPY packaging/ packaging/
# The registry and target caches speed up rebuilds and stay out of the image.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    AES_SOURCE_VERSION="${SOURCE_VERSION}" packaging/build-image-steps.sh build /out

# Runtime: Debian 12's PHP 8.2. The build's output is bind-mounted for the one step that
# installs it, so no copy of it stays in a layer.
FROM debian:bookworm-slim AS runtime
LABEL org.opencontainers.image.title="appengine_sockets" \
      org.opencontainers.image.description="PHP 8.2 (Debian 12) whose socket functions obey Google App Engine's outbound socket rules"
RUN --mount=type=bind,from=build,source=/out,target=/tmp/appengine_sockets \
    AES_APT_CLEAN=1 /tmp/appengine_sockets/build-image-steps.sh runtime /tmp/appengine_sockets
WORKDIR /var/www/html
EXPOSE 9000
# php-fpm's graceful stop.
STOPSIGNAL SIGQUIT
CMD ["php-fpm8.2", "--nodaemonize", "--force-stderr"]
