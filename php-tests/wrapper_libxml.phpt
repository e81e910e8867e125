--TEST--
libxml (DOMDocument, SimpleXML, XMLReader, external entities, XInclude, XSLT document()): http:// fetches are judged
--SKIPIF--
<?php require __DIR__ . '/include/skipif.inc'; foreach (['dom', 'simplexml', 'xmlreader', 'xsl'] as $e) if (!extension_loaded($e)) die("skip $e not loaded"); ?>
--FILE--
<?php
require __DIR__ . '/include/corpus_wrappers.inc';
// libxml reads URLs through PHP's stream wrappers: documents, DTDs, external
// entities (XXE), XIncludes and XSLT document() fetched from http:// are judged
// like any other.
libxml_use_internal_errors(false);
$private = 'http://10.0.0.5:8081/doc.xml';
wrapper_step('DOMDocument::load private', fn() => (new DOMDocument())->load($private));
wrapper_step('simplexml_load_file private', fn() => simplexml_load_file('http://private.test:8081/doc.xml'));
wrapper_step('XMLReader::open private', function () {
    $r = XMLReader::open('http://[::ffff:10.0.0.5]:8081/doc.xml');
    return $r === false ? false : @$r->read();
});
wrapper_step('XXE entity private', function () {
    $d = new DOMDocument();
    $d->loadXML('<!DOCTYPE r [<!ENTITY x SYSTEM "http://10.0.0.5:8081/xxe.xml">]><r>&x;</r>', LIBXML_NOENT | LIBXML_DTDLOAD);
    return $d->documentElement->textContent;
});
wrapper_step('XInclude private', function () {
    $d = new DOMDocument();
    $d->loadXML('<r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="http://127.1:8081/inc.xml"/></r>');
    return $d->xinclude();
});
$xslt = function (string $url) {
    $xsl = new DOMDocument();
    $xsl->loadXML('<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        . '<xsl:template match="/"><out><xsl:value-of select="document(\'' . $url . '\')"/></out></xsl:template>'
        . '</xsl:stylesheet>');
    $p = new XSLTProcessor();
    $p->importStylesheet($xsl);
    $doc = new DOMDocument();
    $doc->loadXML('<a/>');
    return trim(substr($p->transformToXml($doc), strlen('<?xml version="1.0"?>')));
};
wrapper_step('XSLT document() private', fn() => $xslt('http://10.0.0.5:8081/doc.xml'));
// Allowed: the catcher's responder serves XML for *.xml.
wrapper_step('DOMDocument::load public', function () {
    $d = new DOMDocument();
    return $d->load('http://11.0.0.2:8081/doc.xml') ? $d->documentElement->textContent : false;
});
wrapper_step('XXE entity public', function () {
    $d = new DOMDocument();
    $d->loadXML('<!DOCTYPE r [<!ENTITY x SYSTEM "http://11.0.0.2:8081/xxe.txt">]><r>&x;</r>', LIBXML_NOENT | LIBXML_DTDLOAD);
    return $d->documentElement->textContent;
});
wrapper_step('XSLT document() public', fn() => $xslt('http://11.0.0.2:8081/doc.xml'));
?>
--EXPECTF--
DOMDocument::load private: false
  warning: DOMDocument::load(http://10.0.0.5:8081/doc.xml): Failed to open stream: private address 10.0.0.5
  warning: DOMDocument::load(): I/O warning : failed to load %r(external entity "http:\/\/10\.0\.0\.5:8081\/doc\.xml"|"http:\/\/10\.0\.0\.5:8081\/doc\.xml": No such file or directory)%r
  reached: nothing
simplexml_load_file private: false
  warning: simplexml_load_file(http://private.test:8081/doc.xml): Failed to open stream: private address 10.0.0.5
  warning: simplexml_load_file(): I/O warning : failed to load %r(external entity "http:\/\/private\.test:8081\/doc\.xml"|"http:\/\/private\.test:8081\/doc\.xml": No such file or directory)%r
  reached: nothing
XMLReader::open private: false
  warning: XMLReader::open(http://[::ffff:10.0.0.5]:8081/doc.xml): Failed to open stream: IPv4-mapped address ::ffff:10.0.0.5 carries private address 10.0.0.5
  warning: XMLReader::open(): Unable to open source data
  reached: nothing
XXE entity private: ""
  warning: DOMDocument::loadXML(http://10.0.0.5:8081/xxe.xml): Failed to open stream: private address 10.0.0.5
  warning: DOMDocument::loadXML(): %r(I\/O warning : failed to load external entity "http:\/\/10\.0\.0\.5:8081\/xxe\.xml"|failed to load "http:\/\/10\.0\.0\.5:8081\/xxe\.xml": No such file or directory in Entity, line: 1)%r
  reached: nothing
XInclude private: -1
  warning: DOMDocument::xinclude(http://127.1:8081/inc.xml): Failed to open stream: loopback address 127.0.0.1
  warning: DOMDocument::xinclude(): I/O warning : failed to load %r(external entity "http:\/\/127\.1:8081\/inc\.xml"|"http:\/\/127\.1:8081\/inc\.xml": No such file or directory)%r
  warning: DOMDocument::xinclude(): could not load http://127.1:8081/inc.xml, and no fallback was found
  reached: nothing
XSLT document() private: "<out/>"
  warning: XSLTProcessor::transformToXml(http://10.0.0.5:8081/doc.xml): Failed to open stream: private address 10.0.0.5
  warning: XSLTProcessor::transformToXml(): I/O warning : failed to load %r(external entity "http:\/\/10\.0\.0\.5:8081\/doc\.xml"|"http:\/\/10\.0\.0\.5:8081\/doc\.xml": No such file or directory)%r
  reached: nothing
DOMDocument::load public: "HTTP 11.0.0.2 8081 GET /doc.xml"
  reached: http 11.0.0.2 8081
XXE entity public: "HTTP 11.0.0.2 8081 GET /xxe.txt"
  reached: http 11.0.0.2 8081
XSLT document() public: "<out>HTTP 11.0.0.2 8081 GET /doc.xml</out>"
  reached: http 11.0.0.2 8081
