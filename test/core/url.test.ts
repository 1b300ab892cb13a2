import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalize, canonicalUrl, safeUrl } from '../../src/core/url.js';

test('canonicalUrl lowercases scheme and host and drops the default port and fragment', () => {
  assert.equal(canonicalUrl('HTTPS://News.Example.COM:443/World/Story?id=7#comments'), 'https://news.example.com/World/Story?id=7');
  assert.equal(canonicalUrl('http://example.com:80/a'), 'http://example.com/a');
  assert.equal(canonicalUrl('http://example.com:8080/a'), 'http://example.com:8080/a');
});

test('canonicalUrl removes utm_*, fbclid and gclid but keeps other parameters in order', () => {
  assert.equal(
    canonicalUrl('https://e.com/p?utm_source=x&page=2&UTM_Medium=y&fbclid=1&gclid=2&q=a'),
    'https://e.com/p?page=2&q=a',
  );
  assert.equal(canonicalUrl('https://e.com/p?utm_source=x'), 'https://e.com/p');
});

test('canonicalUrl keeps path case and resolves relative URLs against a base', () => {
  assert.equal(canonicalUrl('/News/Item', 'https://E.com/feed.json'), 'https://e.com/News/Item');
  assert.equal(canonicalUrl('item-2', 'https://e.com/dir/manifest.json'), 'https://e.com/dir/item-2');
});

test('only http and https survive', () => {
  for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', '\u0001javascript:x', 'data:text/html,x', 'vbscript:x', 'blob:https://e.com/x', 'ftp://e.com/x', 'not a url']) {
    assert.equal(safeUrl(bad), undefined, bad);
    assert.equal(canonicalUrl(bad), undefined, bad);
  }
  assert.equal(safeUrl('//evil.example/x', 'https://e.com/')?.href, 'https://evil.example/x');
});

test('safeUrl refuses anything but a string without converting it, and ignores white space around a URL', () => {
  let converted = false;
  const sneaky = { toString: () => { converted = true; return 'https://e.com/'; } };
  for (const bad of [sneaky, 5, null, undefined, ['https://e.com/'], new URL('https://e.com/')]) assert.equal(safeUrl(bad), undefined);
  assert.equal(converted, false);
  assert.equal(safeUrl('\u00A0 https://e.com/a \u2028')?.href, 'https://e.com/a');
  assert.equal(canonicalUrl(' \uFEFFhttps://E.com/a#x '), 'https://e.com/a');
});

test('canonicalize works on an already parsed URL (one parse for normalisation), changing it in place', () => {
  const url = new URL('HTTP://u:p@News.Example:80/World?utm_source=x&id=7&fbclid=1#top');
  assert.equal(canonicalize(url), 'http://news.example/World?id=7');
  assert.equal(url.href, 'http://news.example/World?id=7');
  assert.equal(canonicalize(new URL('https://e.com/a?&')), 'https://e.com/a');
  assert.equal(canonicalize(new URL('https://e.com/a?b=%20c')), 'https://e.com/a?b=%20c', 'an untouched query keeps its encoding');
});

test('a link written without a scheme must stay on its base origin; images may leave it', () => {
  const base = 'https://news.example/feed/manifest.json';
  for (const trick of ['//evil.example/x', '\\\\evil.example\\x', '/\\evil.example/x', '\\/evil.example/x', ' //evil.example/x']) {
    assert.equal(safeUrl(trick, base, true), undefined, trick);
    assert.equal(safeUrl(trick, base)?.host, 'evil.example', trick);
  }
  assert.equal(safeUrl('/a/b', base, true)?.href, 'https://news.example/a/b');
  assert.equal(safeUrl('c', base, true)?.href, 'https://news.example/feed/c');
  assert.equal(safeUrl('//news.example/d', base, true)?.href, 'https://news.example/d');
  // An absolute URL names its host openly, so it may point anywhere http(s).
  assert.equal(safeUrl('https://other.example/e', base, true)?.href, 'https://other.example/e');
});

test('the scheme check sees the text as the URL parser does: leading controls, tabs and newlines do not hide a protocol-relative link', () => {
  const base = 'https://news.example/';
  for (const trick of ['\u0001//evil.example/x', '/\t/evil.example/x', '/\n/evil.example/x', '\u0000 //evil.example/x']) {
    assert.equal(safeUrl(trick, base, true), undefined, JSON.stringify(trick));
  }
  assert.equal(safeUrl('\u0001https://other.example/x', base, true)?.href, 'https://other.example/x');
});
