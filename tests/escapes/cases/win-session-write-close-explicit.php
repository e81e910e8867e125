<?php
// target: http 10.0.0.5 8081
// session_write_close() in the body: write() runs curl inside a PHP call.
require __DIR__ . '/../lib.php';
class H implements SessionHandlerInterface {
    function open($p, $n): bool { return true; }
    function close(): bool { return true; }
    function read($id): string|false { return ''; }
    function write($id, $data): bool { echo esc_curl('http://10.0.0.5:8081/'), "\n"; return true; }
    function destroy($id): bool { return true; }
    function gc($max): int|false { return 0; }
}
session_set_save_handler(new H, false);
session_id('escapes');
session_start();
$_SESSION['x'] = 1;
session_write_close();
