<?php

/**
 * appengine_sockets: PHP's own socket functions under Google App Engine's outbound
 * socket rules.
 *
 * This stub lists everything the extension adds to PHP, for IDEs and static analysers
 * (PhpStorm, Psalm, PHPStan). It is not loaded by PHP. php-tests/stubs_match.phpt compares
 * it with the loaded extension (`php --re appengine_sockets`: functions, parameters and
 * types, constants, classes, ini entries with their defaults and where they can be set)
 * and with packaging/appengine_sockets.ini, so the three cannot drift apart.
 *
 * The extension changes no signature of PHP's own functions (fsockopen(),
 * stream_socket_client(), socket_connect(), ...): a refused operation fails the way PHP
 * code already handles, returning false with an E_WARNING that names the rule, and errno
 * 13 (EACCES).
 *
 * ini settings. Format: `@ini NAME "DEFAULT" WHERE`, DEFAULT as PHP reports it, WHERE the
 * places PHP lets it be changed. PHP_INI_SYSTEM: php.ini or a conf.d file (PHP also
 * accepts php_admin_value in an fpm pool); never ini_set(). PHP_INI_PERDIR: also
 * php_value in a pool, .user.ini, or an Apache directory. Every setting but
 * appengine_sockets.app_id is read once, when PHP starts: a request in which one differs
 * from its start-up value (a pool's php_admin_value, say) is refused (rule "config"),
 * naming the setting. A value the extension cannot use makes PHP start with a warning
 * naming the setting, and every socket operation is then refused (rule "config") until
 * it is fixed: a broken setting never loads a weaker policy.
 *
 * @ini appengine_sockets.allow "" PHP_INI_SYSTEM
 *      Operator allow list: comma-separated ADDRESS[/PREFIX][:PORT] entries (an IPv6
 *      entry with a port in brackets, `[fd00::/8]:443`; the address alone may be
 *      bracketed too, `[::1]/128`). A matching destination is
 *      allowed before the App Engine rules run, private addresses and port 25 included.
 * @ini appengine_sockets.deny "" PHP_INI_SYSTEM
 *      Operator deny list, same format; checked first, so it wins over the allow list
 *      and over the built-in whitelist.
 * @ini appengine_sockets.google_ranges_file "" PHP_INI_SYSTEM
 *      Absolute path of a fresh goog.json (https://www.gstatic.com/ipranges/goog.json);
 *      set together with appengine_sockets.google_cloud_ranges_file. Empty: the snapshot
 *      built into the extension.
 * @ini appengine_sockets.google_cloud_ranges_file "" PHP_INI_SYSTEM
 *      Absolute path of the matching cloud.json; Google's ranges for "Google APIs and
 *      services" are goog.json minus cloud.json.
 * @ini appengine_sockets.report_only "0" PHP_INI_SYSTEM
 *      1: refusals are logged and raise an E_NOTICE "would be refused: REASON" but are
 *      not enforced. Configuration errors are always enforced.
 * @ini appengine_sockets.log "" PHP_INI_SYSTEM
 *      Decision log: "" (off), "syslog", or an absolute file path; one JSON object per
 *      line (time, app_id, function, target, address, port, verdict, rule, reason).
 * @ini appengine_sockets.billing_enabled "1" PHP_INI_SYSTEM
 *      0: the app has no billing, and every outbound socket operation is refused (rule
 *      "billing"), as App Engine does for free apps.
 * @ini appengine_sockets.mode "auto" PHP_INI_SYSTEM
 *      production: every rule enforced. development: destination rules (port 25,
 *      special-purpose and Google addresses, deny entries) raise an E_NOTICE "would be
 *      refused in production: REASON" instead, the other rules stay enforced. auto:
 *      development under PHP's built-in server (php -S), production everywhere else.
 * @ini appengine_sockets.idle_timeout "120" PHP_INI_SYSTEM
 *      Seconds without an operation after which a socket is reclaimed (shut down; the
 *      next operation fails with "socket reclaimed after N seconds idle"); 0: never.
 * @ini appengine_sockets.app_id "" PHP_INI_SYSTEM
 *      The application a request belongs to: written into each decision-log line, and
 *      persistent sockets are never shared across apps. Read per request; set per fpm
 *      pool or virtual host with php_admin_value (`php_admin_value[appengine_sockets.app_id]
 *      = my-app`) or per FastCGI request with PHP_ADMIN_VALUE. Not PHP_INI_PERDIR, so
 *      php_value and .user.ini cannot set it: an app cannot claim another app's id.
 *      App code reads it with appengine_sockets_app_id() (OPcache can fold ini_get() of
 *      it into a compiled script shared by the apps of one pool).
 * @ini appengine_sockets.metrics_apps "64" PHP_INI_SYSTEM
 *      App slots of the server-wide counters (1 to 4096; docs/metrics.md): the first
 *      app ids seen get one each, later ones are counted as app="other". The counters'
 *      memory is fixed at start-up by it.
 * @ini appengine_sockets.statsd "" PHP_INI_SYSTEM
 *      "" (off) or a literal IP:PORT ([IPv6]:PORT): each request's decisions are sent
 *      there as DogStatsD counters over UDP when it ends, never waiting; lost datagrams
 *      are counted (docs/metrics.md).
 * @ini appengine_sockets.acl "" PHP_INI_SYSTEM
 *      Absolute path of a per-app egress ACL in Smokescreen's v1 YAML format (docs/acl.md):
 *      which host names each app (its appengine_sockets.app_id) may connect to. Empty: no
 *      ACL. Re-read when the file changes (at most once a second per worker); a file that
 *      cannot be used at start-up refuses every socket operation, a bad edit later keeps
 *      the last good ACL and is said once on PHP's error log.
 *
 * Rule ids: the "rule" of appengine_sockets_check() and of the decision log. Format:
 * `@rule ID meaning`.
 *
 * @rule protocol        Not outbound TCP or UDP: unix, udg, raw, SEQPACKET/RDM sockets,
 *                       socket pairs, other transports.
 * @rule listen          Listening or accepting.
 * @rule bind            Binding to a specific address or port (only the wildcard address
 *                       with port 0 is allowed).
 * @rule port-25         Port 25 is blocked for every destination.
 * @rule whitelist       Allowed by App Engine's whitelist (Google Public DNS on port 53,
 *                       Gmail's SMTP/POP/IMAP names on their TLS ports).
 * @rule special-purpose A private, loopback, link-local, multicast, reserved or otherwise
 *                       non-global address (the IANA special-purpose registries).
 * @rule google          An address in Google's ranges for "Google APIs and services".
 * @rule public          An ordinary public address: allowed.
 * @rule resolution      The name does not resolve: nothing to judge. check() says
 *                       allowed=false; a connection fails as in stock PHP (errno 0).
 * @rule malformed       The target cannot be read safely (for example it holds a NUL byte).
 * @rule operator-deny   An appengine_sockets.deny entry.
 * @rule operator-allow  An appengine_sockets.allow entry: allowed.
 * @rule config          A setting cannot be used: everything is refused until it is fixed.
 * @rule billing         appengine_sockets.billing_enabled=0: sockets need billing.
 * @rule acl             The app's ACL (appengine_sockets.acl) refuses the host name (or a
 *                       literal address, which matches no name).
 * @rule acl-report      The app's ACL would refuse it, but its action is report: an
 *                       E_NOTICE "would be refused by the ACL", and it connects.
 */

/**
 * Judges a destination exactly as a connection to it would be judged, without connecting.
 *
 * For applications that validate user-supplied endpoints (webhooks, callback URLs) before
 * storing them. The host is resolved once and every address it resolves to is judged, as
 * for a connection; nothing is logged or counted, because nothing was attempted.
 *
 * ```php
 * appengine_sockets_check('tcp://10.0.0.5:80');
 * // ['allowed' => false, 'rule' => 'special-purpose',
 * //  'reason' => 'private address 10.0.0.5', 'addresses' => ['10.0.0.5']]
 * appengine_sockets_check('example.com', 443)['allowed']; // true for a public address
 * ```
 *
 * @param string $address The destination as a socket function takes it:
 *                        `tcp://host:port`, `udp://host:port`, `ssl://host:port`,
 *                        `host:port`, `[ipv6]:port`, or a bare host (or `[ipv6]`) with
 *                        $port. Other transports (`unix://...`) are judged too, and
 *                        refused by rule "protocol".
 * @param int|null $port  The port, when $address has none: 0 to 65535.
 * @param string|null $app The app id whose ACL rule to judge by (default: this request's
 *                        appengine_sockets.app_id). Only the ACL differs between apps.
 *
 * @return array{allowed: bool, rule: 'protocol'|'listen'|'bind'|'port-25'|'whitelist'|'special-purpose'|'google'|'public'|'resolution'|'malformed'|'operator-deny'|'operator-allow'|'config'|'billing'|'acl'|'acl-report', reason: string, addresses: list<string>, acl: array{app: string, project: string, matched: string, result: 'allow'|'report'|'deny', enforce_would_deny: bool}|null}
 *         allowed: whether a connection would be allowed; rule: the rule that decided
 *         (see the rule ids above); reason: why, naming the address or port concerned
 *         (the text a refused connection's warning carries); addresses: every address
 *         the host resolved to (empty when no lookup was made); acl: the ACL's part
 *         (null without an ACL): the rule judged by (the app id, "default" or "none"),
 *         its project, what matched (allowed_domains, global_deny_list,
 *         global_allow_list, action-enforce, literal-enforce, no-rule, ..., or
 *         not-consulted when App Engine's rules refused first), and its result.
 *
 * @throws ValueError If $port is outside 0-65535, or $address has no port and $port is null.
 */
function appengine_sockets_check(string $address, ?int $port = null, ?string $app = null): array {}

/**
 * The app this request belongs to: the request's appengine_sockets.app_id, read when
 * called.
 *
 * Use it rather than `ini_get('appengine_sockets.app_id')` in app code: with OPcache on,
 * `ini_get()` of a PHP_INI_SYSTEM setting is folded into the compiled script, so in a
 * php-fpm pool shared by several apps (app id per request with PHP_ADMIN_VALUE) it can
 * show the id of the app whose request compiled the script. This call is never folded.
 * The extension's own decisions (and the decision log) always use the request's id.
 *
 * @return string The app id; "" when none is set.
 */
function appengine_sockets_app_id(): string {}

/**
 * The server-wide counters (every process of this PHP server: all php-fpm workers and
 * pools of one master, all threads), as OpenMetrics text ending in "# EOF": decisions by
 * app, decision, rule and layer; decision-log lines written and lost; resolver failures;
 * configuration errors; idle reclaims; the start time. A status script returns it to
 * Prometheus (docs/metrics.md). It opens no socket and needs no app id.
 *
 * @return string The OpenMetrics text exposition.
 */
function appengine_sockets_metrics(): string {}

/**
 * The policy in force as an nftables ruleset: the kernel backstop for what no in-process
 * guard can stop (child processes, statically linked programs, raw syscalls and io_uring
 * through FFI). See docs/kernel-backstop.md.
 *
 * The ruleset judges new TCP connections and UDP flows (both families, `output` hook) of
 * the sockets owned by $user (`meta skuid`) and, when $cgroup is given, of every socket
 * made in that cgroup v2 (`socket cgroupv2`), in the extension's order: the system
 * resolvers on port 53 (/etc/resolv.conf's nameservers and loopback), the operator deny
 * list, the operator allow list, port 25, special-purpose addresses, the whitelist's
 * addresses (Google Public DNS on port 53; Google's addresses on the Gmail names' ports,
 * as names are not visible to the kernel), Google's ranges. Loading it (`nft -f`)
 * replaces an earlier one for the same uid in one transaction.
 *
 * ```php
 * file_put_contents('/etc/nftables.d/appengine-sockets-www-data.nft', appengine_sockets_nft('www-data'));
 * ```
 *
 * @param string      $user   The pool's user: a name of this system, or a numeric uid.
 * @param string|null $cgroup A cgroup v2 path (`system.slice/php8.2-fpm.service`, relative
 *                            to the cgroup2 mount; a leading `/sys/fs/cgroup/` is taken off).
 *                            nft resolves it when the ruleset is loaded: load it after the
 *                            cgroup exists, and again whenever it is made anew.
 *
 * @return string The ruleset, for `nft -f`.
 *
 * @throws ValueError If $user names no user of this system, or $cgroup is not a usable path.
 * @throws Error      If the policy is not in force (a broken setting): no ruleset is made
 *                    from a policy that is not there.
 */
function appengine_sockets_nft(string $user, ?string $cgroup = null): string {}
