dnl appengine_sockets for phpize (and so for PECL-style builds, docker-php-ext-install
dnl and PIE, whose composer.json names this directory as its build-path):
dnl
dnl   cd phpize && phpize && ./configure --enable-appengine-sockets && make && make install
dnl
dnl The extension is Rust: ./configure finds cargo, and `make` runs `cargo build --release`
dnl in the repository (the directory above) against the php-config that phpize's configure
dnl uses (--with-php-config, default the php-config on PATH), then puts the module in
dnl modules/, from where `make install` copies it into that PHP's extension dir, as for any
dnl PECL extension. Enabled unless --disable-appengine-sockets (PIE passes no option
dnl unless asked). Cargo's target dir: CARGO_TARGET_DIR if set, else cargo-target/ here.
PHP_ARG_ENABLE([appengine-sockets],
  [whether to build appengine_sockets],
  [AS_HELP_STRING([--enable-appengine-sockets],
    [Build appengine_sockets, App Engine's outbound socket rules (needs cargo)])],
  [yes])

if test "$PHP_APPENGINE_SOCKETS" != "no"; then
  AC_PATH_PROG([AES_CARGO], [cargo], [no], [$PATH:$HOME/.cargo/bin])
  if test "$AES_CARGO" = "no"; then
    AC_MSG_ERROR([cargo not found: appengine_sockets is written in Rust; install a Rust toolchain (https://rustup.rs), then run ./configure again])
  fi
  AC_MSG_CHECKING([for the php-config to build against])
  AES_PHP_CONFIG=`command -v "$PHP_CONFIG" 2>/dev/null || echo "$PHP_CONFIG"`
  AC_MSG_RESULT([$AES_PHP_CONFIG])
  AES_SRCDIR=`cd "$abs_srcdir/.." && pwd`
  if test ! -f "$AES_SRCDIR/Cargo.toml"; then
    AC_MSG_ERROR([$AES_SRCDIR/Cargo.toml not found: run phpize in the phpize/ directory of the appengine_sockets source tree])
  fi
  PHP_SUBST([AES_CARGO])
  PHP_SUBST([AES_PHP_CONFIG])
  PHP_SUBST([AES_SRCDIR])
  PHP_ADD_BUILD_DIR([modules])
  PHP_ADD_MAKEFILE_FRAGMENT([$abs_srcdir/Makefile.frag], [$abs_srcdir], [$abs_builddir])
fi
