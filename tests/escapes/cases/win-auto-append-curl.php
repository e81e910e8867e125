<?php
// target: http 10.0.0.5 8081
// php: -d auto_append_file={CASES}/win-auto-append.inc
// curl in an auto_append_file (win-auto-append.inc).
echo "body\n";
