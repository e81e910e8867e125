<?php
// target: http 10.0.0.5 8081
// php: -d auto_prepend_file={CASES}/win-auto-prepend.inc
// curl in an auto_prepend_file (win-auto-prepend.inc).
echo "body\n";
