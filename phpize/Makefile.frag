
# appengine_sockets: the module is built by cargo (config.m4), then installed by phpize's
# own install-modules from modules/, like any extension's.
AES_TARGET = $(if $(CARGO_TARGET_DIR),$(CARGO_TARGET_DIR),$(builddir)/cargo-target)

all: aes-module
build-modules: aes-module

.PHONY: aes-module aes-clean
aes-module:
	cd '$(AES_SRCDIR)' && env PHP_CONFIG='$(AES_PHP_CONFIG)' PHP='$(PHP_EXECUTABLE)' \
		CARGO_TARGET_DIR='$(AES_TARGET)' '$(AES_CARGO)' build --release --locked
	@mkdir -p '$(builddir)/modules'
	cp '$(AES_TARGET)/release/libappengine_sockets.so' '$(builddir)/modules/appengine_sockets.so'

clean: aes-clean
aes-clean:
	rm -rf '$(builddir)/cargo-target' '$(builddir)/modules/appengine_sockets.so'
