<?php
// target: tcp 10.0.0.5 80
// A name (private.test) that resolves to a private address.
var_dump(@stream_socket_client('tcp://private.test:80', $no, $str, 2));
