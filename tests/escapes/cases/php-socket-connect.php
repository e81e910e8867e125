<?php
// target: tcp 10.0.0.5 80
$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
var_dump(@socket_connect($s, '10.0.0.5', 80));
