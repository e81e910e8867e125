#!/bin/bash
# A sendmail stand-in for mail() (tests/backstop/run.sh): reads the message, then hands it
# to an SMTP server at HOST PORT the way a relay-only MTA does. Exits 0 once connected.
#   sendmail.sh HOST PORT [-t -i ...]
cat >/dev/null
{ exec 3<>"/dev/tcp/$1/$2"; } 2>/dev/null || exit 75
printf 'QUIT\r\n' >&3
exec 3>&-
exit 0
