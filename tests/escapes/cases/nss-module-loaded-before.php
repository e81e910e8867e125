<?php
gethostbyname('first.test');
echo gethostbyname('second.test'), "\n";
