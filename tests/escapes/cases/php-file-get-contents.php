<?php
// target: http 10.0.0.5 8081
var_dump(@file_get_contents('http://10.0.0.5:8081/'));
