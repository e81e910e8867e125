# make              build the release extension (target/release/libappengine_sockets.so)
# make install      build it, then install it into this machine's PHP 8.2 (Debian's
#                   php8.2 packages): the .so into `php-config8.2 --extension-dir`,
#                   appengine_sockets.ini into /etc/php/8.2/mods-available/, enabled with
#                   phpenmod for cli and fpm. Needs root for the install part.
# make install PHP_CONFIG=/usr/local/bin/php-config
#                   the same for another PHP: Debian's phpX.Y (Debian 13's 8.4:
#                   PHP_CONFIG=php-config8.4), or one built under its own prefix as in
#                   the official php:* images (the .so into its extension dir, the ini
#                   into its conf.d, php-config --ini-dir). Built against that PHP.
# make uninstall    reverse it: phpdismod, remove the files (an ini with local changes is
#                   kept, disabled, unless PURGE=1).
# make verify-installed / verify-absent    what CI checks after each of them.
# make lint         hadolint on the Dockerfile, shellcheck on the packaging scripts.
# make image        docker build (where there is a Docker engine).
# make ci-packaging everything CI checks about packaging (scripts/ci-packaging.sh).
#
# Variables: PHP_CONFIG (above), DESTDIR (stage the install under a root instead), SAPIS (default "cli fpm",
# or ALL), PURGE=1, IMAGE (default appengine-sockets). The work is done by
# packaging/install.sh, which the Docker image's build steps use too.

IMAGE ?= appengine-sockets
INSTALL_SH := packaging/install.sh
export DESTDIR SAPIS PURGE
# Only a PHP_CONFIG that was given: make exports an unset variable as an empty one, and
# ext-php-rs's build then looks for a php-config at "".
ifdef PHP_CONFIG
export PHP_CONFIG
endif

.PHONY: all build install uninstall verify-installed verify-absent lint image ci-packaging

all: build

build:
	$(INSTALL_SH) build >/dev/null

install: build
	$(INSTALL_SH) install

uninstall:
	$(INSTALL_SH) uninstall

verify-installed:
	$(INSTALL_SH) verify installed

verify-absent:
	$(INSTALL_SH) verify absent

lint:
	hadolint Dockerfile
	shellcheck packaging/*.sh scripts/ci-packaging.sh

image:
	docker build --build-arg SOURCE_VERSION="$$(git describe --always --dirty 2>/dev/null || echo unknown)" -t $(IMAGE) .

ci-packaging:
	scripts/ci-packaging.sh
