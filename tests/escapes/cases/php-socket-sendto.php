<?php
// target: udp 10.0.0.5 9999
$s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
var_dump(@socket_sendto($s, 'x', 1, 0, '10.0.0.5', 9999));
