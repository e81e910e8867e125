<?php
// target: tcp 10.0.0.5 80
var_dump(@fsockopen('10.0.0.5', 80, $no, $str, 2));
