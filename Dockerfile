# syntax=docker/dockerfile:1
#
# Debian's PHP (php8.2-cli, php8.2-fpm from Debian 12 by default; php8.4-* from Debian 13
# with the build arguments below) with appengine_sockets enabled for both SAPIs, set to
# the defaults in packaging/appengine_sockets.ini.
#
#   docker build -t appengine-sockets .                                  # Debian 12, PHP 8.2
#   docker build --build-arg DEBIAN_RELEASE=trixie --build-arg PHP_VERSION=8.4 \
#       -t appengine-sockets:8.4 .                                       # Debian 13, PHP 8.4
#   docker run --rm appengine-sockets php --ri appengine_sockets
#   docker run -d -p 9000:9000 -v "$PWD:/var/www/html" appengine-sockets   # php-fpm on :9000
#
# Every step is in packaging/build-image-steps.sh: CI runs the same script on its own
# machine (scripts/ci-packaging.sh), which has no Docker, so the steps cannot rot unseen.
# This file only lays out the stages and what crosses between them.

# The Debian release and its PHP: bookworm + 8.2, or trixie + 8.4 (the pairs Debian ships).
ARG DEBIAN_RELEASE=bookworm

# Build stage: Debian with Rust; the script adds phpX.Y-dev and libclang-dev, so the
# extension is compiled against the PHP headers of the same Debian release as the
# runtime below (the runtime step checks that the PHP API numbers agree).
FROM rust:1.95-slim-${DEBIAN_RELEASE} AS build
ARG SOURCE_VERSION=unknown
ARG PHP_VERSION=8.2
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
    AES_SOURCE_VERSION="${SOURCE_VERSION}" AES_PHP_VERSION="${PHP_VERSION}" packaging/build-image-steps.sh build /out

# Runtime: the same Debian release's PHP. The build's output is bind-mounted for the one
# step that installs it, so no copy of it stays in a layer.
FROM debian:${DEBIAN_RELEASE}-slim AS runtime
ARG PHP_VERSION=8.2
LABEL org.opencontainers.image.title="appengine_sockets" \
      org.opencontainers.image.description="Debian's PHP ${PHP_VERSION} whose socket functions obey Google App Engine's outbound socket rules"
RUN --mount=type=bind,from=build,source=/out,target=/tmp/appengine_sockets \
    AES_APT_CLEAN=1 AES_PHP_VERSION="${PHP_VERSION}" /tmp/appengine_sockets/build-image-steps.sh runtime /tmp/appengine_sockets
WORKDIR /var/www/html
EXPOSE 9000
# php-fpm's graceful stop.
STOPSIGNAL SIGQUIT
# php-fpm: a link to php-fpmX.Y that the runtime step makes.
CMD ["php-fpm", "--nodaemonize", "--force-stderr"]
