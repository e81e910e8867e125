<?php
// target: self
// A listening socket from PHP.
$s = @stream_socket_server('tcp://127.0.0.1:0', $no, $str);
if ($s) echo "REACHED listening\n";
