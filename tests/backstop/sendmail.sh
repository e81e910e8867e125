#!/bin/bash
# A sendmail stand-in for mail() (tests/backstop/run.sh): reads the message, then hands it
# to an SMTP server at HOST PORT the way a relay-only MTA does. Exits 0 once connected,
# 69 (EX_UNAVAILABLE) if it cannot connect: not 75 (EX_TEMPFAIL), which PHP 8.5's mail()
# reads as "queued" and so returns true for (earlier PHPs compared the raw wait status).
#   sendmail.sh HOST PORT [-t -i ...]
cat >/dev/null
{ exec 3<>"/dev/tcp/$1/$2"; } 2>/dev/null || exit 69
printf 'QUIT\r\n' >&3
exec 3>&-
exit 0
