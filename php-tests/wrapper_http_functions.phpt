--TEST--
http:// wrapper: every reader of URLs (file_get_contents, fopen, file, readfile, get_headers, copy, md5_file, hash_file, SplFileObject, getimagesize) is refused a private server and reaches a public one
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';

$tmp = tempnam(sys_get_temp_dir(), 'aes');
// Each reader of http:// URLs, once to a private and once to a public address.
$readers = [
    'file_get_contents' => fn($u) => file_get_contents($u),
    'fopen+fgets' => function ($u) { $f = fopen($u, 'r'); return $f ? fgets($f) : false; },
    'file' => fn($u) => file($u),
    'readfile' => function ($u) { ob_start(); $n = readfile($u); $out = ob_get_clean(); return $n === false ? false : $out; },
    'get_headers' => function ($u) { $h = get_headers($u); return $h ? $h[0] : false; },
    'copy' => function ($u) use ($tmp) { return copy($u, $tmp) ? file_get_contents($tmp) : false; },
    'md5_file' => fn($u) => md5_file($u) !== false ? 'md5 computed' : false,
    'hash_file' => fn($u) => hash_file('sha256', $u) !== false ? 'sha256 computed' : false,
    'SplFileObject' => fn($u) => (new SplFileObject($u))->fgets(),
    'stream_get_contents' => function ($u) { $f = fopen($u, 'rb'); return $f ? stream_get_contents($f) : false; },
    'getimagesize' => fn($u) => getimagesize($u),
];
foreach ($readers as $name => $read) {
    wrapper_step("$name private", fn() => $read("http://10.0.0.5:8081/$name"));
    wrapper_step("$name public", fn() => $read("http://11.0.0.2:8081/$name"));
}
@unlink($tmp);

?>
--EXPECT--
file_get_contents private: false
  warning: file_get_contents(http://10.0.0.5:8081/file_get_contents): Failed to open stream: private address 10.0.0.5
  reached: nothing
file_get_contents public: "HTTP 11.0.0.2 8081 GET /file_get_contents"
  reached: http 11.0.0.2 8081
fopen+fgets private: false
  warning: fopen(http://10.0.0.5:8081/fopen+fgets): Failed to open stream: private address 10.0.0.5
  reached: nothing
fopen+fgets public: "HTTP 11.0.0.2 8081 GET /fopen+fgets"
  reached: http 11.0.0.2 8081
file private: false
  warning: file(http://10.0.0.5:8081/file): Failed to open stream: private address 10.0.0.5
  reached: nothing
file public: ["HTTP 11.0.0.2 8081 GET /file\n"]
  reached: http 11.0.0.2 8081
readfile private: false
  warning: readfile(http://10.0.0.5:8081/readfile): Failed to open stream: private address 10.0.0.5
  reached: nothing
readfile public: "HTTP 11.0.0.2 8081 GET /readfile"
  reached: http 11.0.0.2 8081
get_headers private: false
  warning: get_headers(http://10.0.0.5:8081/get_headers): Failed to open stream: private address 10.0.0.5
  reached: nothing
get_headers public: "HTTP/1.0 200 OK"
  reached: http 11.0.0.2 8081
copy private: false
  warning: copy(http://10.0.0.5:8081/copy): Failed to open stream: private address 10.0.0.5
  reached: nothing
copy public: "HTTP 11.0.0.2 8081 GET /copy"
  reached: http 11.0.0.2 8081
md5_file private: false
  warning: md5_file(http://10.0.0.5:8081/md5_file): Failed to open stream: private address 10.0.0.5
  reached: nothing
md5_file public: "md5 computed"
  reached: http 11.0.0.2 8081
hash_file private: false
  warning: hash_file(http://10.0.0.5:8081/hash_file): Failed to open stream: private address 10.0.0.5
  reached: nothing
hash_file public: "sha256 computed"
  reached: http 11.0.0.2 8081
SplFileObject private: RuntimeException: SplFileObject::__construct(http://10.0.0.5:8081/SplFileObject): Failed to open stream: private address 10.0.0.5
  reached: nothing
SplFileObject public: "HTTP 11.0.0.2 8081 GET /SplFileObject"
  reached: http 11.0.0.2 8081
stream_get_contents private: false
  warning: fopen(http://10.0.0.5:8081/stream_get_contents): Failed to open stream: private address 10.0.0.5
  reached: nothing
stream_get_contents public: "HTTP 11.0.0.2 8081 GET /stream_get_contents"
  reached: http 11.0.0.2 8081
getimagesize private: false
  warning: getimagesize(http://10.0.0.5:8081/getimagesize): Failed to open stream: private address 10.0.0.5
  reached: nothing
getimagesize public: false
  reached: http 11.0.0.2 8081
