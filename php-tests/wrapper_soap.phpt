--TEST--
SoapClient: calls (and redirects, proxies, WSDL fetches) to private endpoints are refused, a public endpoint is reached
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; if (!extension_loaded('soap')) die('skip soap extension not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';
// ext/soap's HTTP client opens its connections with php_stream_xport_create.
$call = fn(string $location, array $opts = []) => fn() => (new SoapClient(null,
    $opts + ['location' => $location, 'uri' => 'urn:catcher', 'connection_timeout' => 3]))->__soapCall('call', []);
foreach (['http://10.0.0.5:8081/soap', 'http://private.test:8081/soap', 'http://0177.0.0.1:8081/soap',
          'http://[fd00::5]:8081/soap', 'https://10.0.0.5:8444/soap', 'http://mixed.test:8081/soap'] as $location) {
    wrapper_step("SoapClient location $location", $call($location));
}
// A public endpoint that redirects the POST to a private one: refused at that hop.
wrapper_step('SoapClient location 302 -> http://10.0.0.5:8081/soap',
    $call(wrapper_redirect('http://10.0.0.5:8081/soap')));
// A private proxy.
wrapper_step('SoapClient proxy_host 10.0.0.5', $call('http://11.0.0.2:8081/soap',
    ['proxy_host' => '10.0.0.5', 'proxy_port' => 8081]));
// The WSDL is fetched through libxml and the http:// wrapper.
wrapper_step('SoapClient WSDL http://10.0.0.5:8081/service?wsdl', fn() => new SoapClient('http://10.0.0.5:8081/service?wsdl'));
// Allowed: the catcher answers the call with a SOAP envelope naming itself.
wrapper_step('SoapClient location http://11.0.0.2:8081/soap', $call('http://11.0.0.2:8081/soap'));
wrapper_step('SoapClient location https://tls.test:8444/soap', $call('https://tls.test:8444/soap',
    ['stream_context' => stream_context_create(['ssl' => wrapper_tls_options()])]));
?>
--EXPECTF--
SoapClient location http://10.0.0.5:8081/soap: SoapFault: Could not connect to host
  warning: SoapClient::__doRequest(): connect() failed: private address 10.0.0.5
  reached: nothing
SoapClient location http://private.test:8081/soap: SoapFault: Could not connect to host
  warning: SoapClient::__doRequest(): connect() failed: private address 10.0.0.5
  reached: nothing
SoapClient location http://0177.0.0.1:8081/soap: SoapFault: Could not connect to host
  warning: SoapClient::__doRequest(): connect() failed: loopback address 127.0.0.1
  reached: nothing
SoapClient location http://[fd00::5]:8081/soap: SoapFault: Could not connect to host
  warning: SoapClient::__doRequest(): connect() failed: private address fd00::5
  reached: nothing
SoapClient location https://10.0.0.5:8444/soap: SoapFault: Could not connect to host
  warning: SoapClient::__doRequest(): connect() failed: private address 10.0.0.5
  reached: nothing
SoapClient location http://mixed.test:8081/soap: SoapFault: Could not connect to host
  warning: SoapClient::__doRequest(): connect() failed: private address 10.0.0.5; mixed.test resolves to 11.0.0.1, 10.0.0.5
  reached: nothing
SoapClient location 302 -> http://10.0.0.5:8081/soap: SoapFault: Could not connect to host
  warning: SoapClient::__doRequest(): connect() failed: private address 10.0.0.5
  reached: http 11.0.0.2 8081
SoapClient proxy_host 10.0.0.5: SoapFault: Could not connect to host
  warning: SoapClient::__doRequest(): connect() failed: private address 10.0.0.5
  reached: nothing
SoapClient WSDL http://10.0.0.5:8081/service?wsdl: SoapFault: SOAP-ERROR: Parsing WSDL: Couldn't load from 'http://10.0.0.5:8081/service?wsdl' : failed to load %r(external entity "http:\/\/10\.0\.0\.5:8081\/service\?wsdl"|"http:\/\/10\.0\.0\.5:8081\/service\?wsdl": No such file or directory)%r
  warning: SoapClient::__construct(http://10.0.0.5:8081/service?wsdl): Failed to open stream: private address 10.0.0.5
  warning: SoapClient::__construct(): I/O warning : failed to load %r(external entity "http:\/\/10\.0\.0\.5:8081\/service\?wsdl"|"http:\/\/10\.0\.0\.5:8081\/service\?wsdl": No such file or directory)%r
  reached: nothing
SoapClient location http://11.0.0.2:8081/soap: "HTTP 11.0.0.2 8081"
  reached: http 11.0.0.2 8081
SoapClient location https://tls.test:8444/soap: "HTTP 11.0.0.3 8444"
  reached: https 11.0.0.3 8444
