<?php
// target: tcp 10.0.0.5 80
// A session save handler's write() calls connect through FFI.
require __DIR__ . '/../lib.php';
class H extends SessionHandler {
    function open($p, $n): bool { return true; }
    function close(): bool { return true; }
    function read($id): string|false { return ''; }
    function write($id, $data): bool {
        $c = esc_libc();
        $sin = esc_sin($c, '10.0.0.5', 80);
        $c->connect($c->socket(2, 1, 0), FFI::addr($sin), FFI::sizeof($sin));
        return true;
    }
}
session_set_save_handler(new H, false);
session_id('escapes');
session_start();
$_SESSION['x'] = 1;
