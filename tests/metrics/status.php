<?php
// The metrics status script (docs/metrics.md): served by its own php-fpm pool, which the
// operator's web server exposes to Prometheus as it exposes pm.status_path. It opens no
// socket and needs no app id.
header('Content-Type: text/plain; version=0.0.4; charset=utf-8');
echo appengine_sockets_metrics();
