import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { defaultShardCount, displayItem, fnv1a32, shardFileName, shardOf } from '../../src/core/shard.js';
import { normalizeManifest } from '../../src/core/normalize.js';

// Expected values come from an independent FNV-1a implementation (and the
// published test vectors for '', 'a' and 'foobar'). They must never change:
// every deployed shard directory depends on them.
const VECTORS: [string, number][] = [
  ['', 0x811c9dc5],
  ['a', 0xe40c292c],
  ['foobar', 0xbf9cf968],
  ['https://news.example/a', 0xc0389399],
  ['https://news.example/caf%C3%A9', 0x5116320e],
  ['https://例え.jp/記事/1', 0xf18746ed],
  ['https://news.example/story?id=42', 0x3ebbe6b2],
];

test('fnv1a32 matches fixed values over UTF-8 bytes', () => {
  for (const [text, hash] of VECTORS) assert.equal(fnv1a32(text), hash, text);
});

test('shardOf is the hash modulo the shard count', () => {
  assert.equal(shardOf('https://news.example/a', 16), 9);
  assert.equal(shardOf('https://news.example/a', 256), 153);
  assert.equal(shardOf('https://news.example/caf%C3%A9', 1000), 102);
  assert.equal(shardOf('https://例え.jp/記事/1', 16), 13);
  assert.equal(shardOf('https://news.example/story?id=42', 1), 0);
});

test('shardOf rejects a shard count that is not a positive integer', () => {
  for (const bad of [0, -1, 1.5, Number.NaN, Infinity]) assert.throws(() => shardOf('https://news.example/a', bad), RangeError);
});

test('shardOf is always an integer in [0, shards)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 100_000 }), (text, shards) => {
      const s = shardOf(text, shards);
      return Number.isInteger(s) && s >= 0 && s < shards;
    }),
  );
});

test('shardFileName pads to three digits, or to the widest index', () => {
  assert.equal(shardFileName(7, 16), 'shards/007.json');
  assert.equal(shardFileName(0, 1), 'shards/000.json');
  assert.equal(shardFileName(999, 1000), 'shards/999.json');
  assert.equal(shardFileName(7, 1001), 'shards/0007.json');
  assert.equal(shardFileName(12345, 65536), 'shards/12345.json');
});

test('defaultShardCount is the smallest power of two with at most 25 entries per shard', () => {
  assert.equal(defaultShardCount(0), 1);
  assert.equal(defaultShardCount(25), 1);
  assert.equal(defaultShardCount(26), 2);
  assert.equal(defaultShardCount(2_000), 128);
  assert.equal(defaultShardCount(10_000), 512);
  assert.equal(defaultShardCount(100_000), 4096);
});

test('displayItem keeps the display fields in a fixed order with an ISO date', () => {
  const { articles } = normalizeManifest([
    {
      noindex: true,
      sponsored: true,
      views: 9,
      keywords: ['x'],
      publishedAt: '2026-01-02T03:04:05Z',
      author: 'A. Writer',
      section: 'News',
      image: { src: 'https://news.example/i.jpg', alt: 'Alt', width: 10 },
      summary: 'Sum',
      title: 'Title',
      url: 'https://news.example/a?utm_source=x',
      id: 'a',
    },
  ]);
  assert.equal(
    JSON.stringify(displayItem(articles[0]!)),
    JSON.stringify({
      id: 'a',
      url: 'https://news.example/a?utm_source=x',
      title: 'Title',
      summary: 'Sum',
      image: { src: 'https://news.example/i.jpg', alt: 'Alt', width: 10 },
      section: 'News',
      author: 'A. Writer',
      publishedAt: '2026-01-02T03:04:05.000Z',
      sponsored: true,
    }),
  );
});
