<?php
echo gethostbyname('nss-escape.test'), "\n";
