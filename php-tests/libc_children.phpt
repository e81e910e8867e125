--TEST--
Child processes (proc_open, exec, shell_exec) are not judged and not broken: a program the app starts connects as it would without the extension
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/libc.inc';
/*
 * The rules apply to the PHP process's own sockets. A program it starts (here
 * Python, and a stock PHP) runs its own code, with nothing inherited that
 * judges or kills it: its connection to 10.0.0.5 is made (the catcher sees it).
 */
$py = 'import socket; s = socket.create_connection(("10.0.0.5", 80), 2); print(s.recv(100).decode().strip())';
libc_step('proc_open python3 -> 10.0.0.5:80', function () use ($py) {
    $p = proc_open(['python3', '-c', $py], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = trim(stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]));
    return [$out, proc_close($p)];
});
libc_step('exec python3 -> 10.0.0.5:80', function () use ($py) {
    exec('python3 -c ' . escapeshellarg($py) . ' 2>&1', $out, $rc);
    return [implode(' ', $out), $rc];
});
libc_step('shell_exec php -n -> 10.0.0.5:80', fn() => trim((string) shell_exec(escapeshellarg(PHP_BINARY)
    . ' -n -r ' . escapeshellarg('$f = fsockopen("10.0.0.5", 80); echo fgets($f);') . ' 2>&1')));
// And this process is still judged afterwards.
libc_step('fsockopen 10.0.0.5:80 here', fn() => fsockopen('10.0.0.5', 80, $errno, $errstr, 2) ?: [$errno, $errstr]);
?>
--EXPECT--
proc_open python3 -> 10.0.0.5:80: ["HELLO 10.0.0.5 80",0]
  reached: tcp 10.0.0.5 80
exec python3 -> 10.0.0.5:80: ["HELLO 10.0.0.5 80",0]
  reached: tcp 10.0.0.5 80
shell_exec php -n -> 10.0.0.5:80: "HELLO 10.0.0.5 80"
  reached: tcp 10.0.0.5 80
fsockopen 10.0.0.5:80 here: [13,"private address 10.0.0.5"]
  warning: fsockopen(): Unable to connect to 10.0.0.5:80 (private address 10.0.0.5)
  reached: nothing
