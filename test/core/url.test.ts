import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalUrl, safeUrl } from '../../src/core/url.js';

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
