--TEST--
Parity: a wrong argument to a replaced ext/sockets function names PHP's class (Socket, AddressInfo), and ext/sockets' ValueErrors come before any decision
--SKIPIF--
<?php require __DIR__ . '/include/settings_skipif.inc'; ?>
--DESCRIPTION--
A `false` argument is "bool given" in PHP 8.2's TypeErrors and "false given" from 8.3 on
(zpp's own text, the same with and without the extension).
--FILE--
<?php
require __DIR__ . '/include/parity.inc';
require __DIR__ . '/include/settings.inc';
$mark = settings_mark();
parity_run(__DIR__ . '/fixtures/parity/socket_types.php');
echo settings_catcher($mark);
?>
--EXPECTF--
socket_bind(bool): TypeError: socket_bind(): Argument #1 ($socket) must be of type Socket, %r(bool|false)%r given
socket_bind(null): TypeError: socket_bind(): Argument #1 ($socket) must be of type Socket, null given
socket_bind(string): TypeError: socket_bind(): Argument #1 ($socket) must be of type Socket, string given
socket_bind(int): TypeError: socket_bind(): Argument #1 ($socket) must be of type Socket, int given
socket_listen: TypeError: socket_listen(): Argument #1 ($socket) must be of type Socket, %r(bool|false)%r given
socket_accept: TypeError: socket_accept(): Argument #1 ($socket) must be of type Socket, %r(bool|false)%r given
socket_connect: TypeError: socket_connect(): Argument #1 ($socket) must be of type Socket, %r(bool|false)%r given
socket_sendto: TypeError: socket_sendto(): Argument #1 ($socket) must be of type Socket, %r(bool|false)%r given
socket_sendmsg: TypeError: socket_sendmsg(): Argument #1 ($socket) must be of type Socket, %r(bool|false)%r given
socket_set_option: TypeError: socket_set_option(): Argument #1 ($socket) must be of type Socket, %r(bool|false)%r given
socket_setopt: TypeError: socket_setopt(): Argument #1 ($socket) must be of type Socket, %r(bool|false)%r given
socket_get_option: TypeError: socket_get_option(): Argument #1 ($socket) must be of type Socket, %r(bool|false)%r given
socket_getopt: TypeError: socket_getopt(): Argument #1 ($socket) must be of type Socket, %r(bool|false)%r given
socket_addrinfo_bind: TypeError: socket_addrinfo_bind(): Argument #1 ($address) must be of type AddressInfo, %r(bool|false)%r given
socket_addrinfo_connect: TypeError: socket_addrinfo_connect(): Argument #1 ($address) must be of type AddressInfo, %r(bool|false)%r given
socket_addrinfo_connect(Socket): TypeError: socket_addrinfo_connect(): Argument #1 ($address) must be of type AddressInfo, Socket given
socket_connect(AddressInfo): TypeError: socket_connect(): Argument #1 ($socket) must be of type Socket, AddressInfo given
socket_sendto length -1: ValueError: socket_sendto(): Argument #3 ($length) must be greater than or equal to 0
socket_sendmsg flags 2**40: ValueError: socket_sendmsg(): Argument #3 ($flags) must be between -2147483648 and 2147483647
socket_connect port null: ValueError: socket_connect(): Argument #3 ($port) cannot be null when the socket type is AF_INET
socket_connect closed: Error: socket_connect(): Argument #1 ($socket) has already been closed
stock PHP: the same output
catcher: nothing
