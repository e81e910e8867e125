<?php
// tests/escapes: the driver of a case that is only a C file: load its library with FFI
// and call its run(); print what it returned (0, or the errno of its socket call).
$ffi = FFI::cdef('int run(void);', getenv('ESC_SO'));
echo getenv('ESC_NAME'), ': run() = ', $ffi->run(), "\n";
