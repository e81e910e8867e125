<?php
// target: http 10.0.0.5 8081
// curl in the destructor of a global object, destroyed at the end of the request.
require __DIR__ . '/../lib.php';
class D { function __destruct() { echo esc_curl('http://10.0.0.5:8081/'), "\n"; } }
$GLOBALS['d'] = new D;
