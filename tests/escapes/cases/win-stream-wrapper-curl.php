<?php
// target: http 10.0.0.5 8081
// A user stream wrapper's stream_open runs curl inside file_get_contents.
require __DIR__ . '/../lib.php';
class W {
    public $context;
    function stream_open($path, $mode, $options, &$opened) { echo esc_curl('http://10.0.0.5:8081/'), "\n"; return true; }
    function stream_read($n) { return ''; }
    function stream_eof() { return true; }
    function stream_stat() { return []; }
}
stream_wrapper_register('esc', 'W');
file_get_contents('esc://x');
