# shellcheck shell=bash
# The check counter of the runners under tests/fpm/ (sourced by prelude.sh, and by
# devserver.sh, which needs no php-fpm): expect NAME EXPECTED ACTUAL prints "ok NAME"
# or "FAIL NAME" with both values, and counts them in pass and fail.
pass=0 fail=0
expect() {  # expect NAME EXPECTED ACTUAL
    if [[ "$3" == "$2" ]]; then
        pass=$((pass + 1)); echo "ok   $1"
    else
        fail=$((fail + 1)); printf 'FAIL %s\n     expected: %q\n     got:      %q\n' "$1" "$2" "$3"
    fi
}
