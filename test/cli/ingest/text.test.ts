import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capText, decodeEntities, firstImage, htmlToText, toSummary } from '../../../src/cli/ingest/text.js';

test('decodeEntities handles named, decimal, hex and windows-1252 references', () => {
  assert.equal(decodeEntities('Caf&eacute; &amp; &#8220;bar&#x201D; &hellip;'), 'Café & “bar” …');
  assert.equal(decodeEntities('&#150; &#128;'), '– €');
  assert.equal(decodeEntities('AT&T &unknown; a&copy=2'), 'AT&T &unknown; a&copy=2');
  assert.equal(decodeEntities('&nbsp;x&amp y'), '\u00a0x& y');
});

test('htmlToText strips tags, scripts and comments and keeps words apart', () => {
  assert.equal(htmlToText('<p>One</p><p>Two<br>Three</p>'), 'One Two Three');
  assert.equal(htmlToText('<b>bo</b>ld <!-- hidden --> <script>evil()</script><style>p{}</style>text'), 'bold text');
  assert.equal(htmlToText('3 < 4 and 5 > 2'), '3 < 4 and 5 > 2');
  assert.equal(htmlToText('&lt;b&gt;escaped&lt;/b&gt;'), '<b>escaped</b>');
  assert.equal(htmlToText('<a href="x" title="a > b">link</a>'), 'link');
  assert.equal(htmlToText('  lots\n\n of\t space  '), 'lots of space');
});

test('capText cuts on a word boundary, ends with an ellipsis and stays within the cap', () => {
  const text = 'word '.repeat(100).trim();
  const capped = capText(text, 300);
  assert.ok(capped.length <= 300);
  assert.ok(capped.endsWith('word…'));
  assert.equal(capText('short', 300), 'short');
  const noSpaces = 'x'.repeat(400);
  assert.equal(Array.from(capText(noSpaces, 300)).length, 300);
  assert.equal(capText('alpha, beta, gamma delta', 14), 'alpha, beta…');
});

test('toSummary returns undefined for markup without text', () => {
  assert.equal(toSummary('<img src="a.jpg"><br/>'), undefined);
  assert.equal(toSummary(undefined), undefined);
});

test('firstImage skips pixels, icons and feed furniture', () => {
  assert.equal(firstImage('<img src="a.gif" width="1" height="1"><img src="b.jpg" alt="B">')?.src, 'b.jpg');
  assert.equal(firstImage('<img height="40" width="40" src="avatar.png"><img src=\'c.jpg\'>')?.src, 'c.jpg');
  assert.equal(firstImage('<img src="http://feeds.feedburner.com/~r/x/~4/abc">'), undefined);
  assert.deepEqual(firstImage('<IMG SRC="d.jpg" ALT="Tom &amp; Jerry" WIDTH="640">'), { src: 'd.jpg', alt: 'Tom & Jerry', width: 640 });
  assert.equal(firstImage('no images'), undefined);
});
