import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { capText, htmlToText, parseDate } from '../../../src/cli/ingest/index.js';

test('capText never exceeds the cap and only ever shortens from the end', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 600 }), fc.integer({ min: 10, max: 400 }), (text, max) => {
      const capped = capText(text, max);
      assert.ok(Array.from(capped).length <= max);
      if (Array.from(text).length <= max) assert.equal(capped, text);
      else {
        assert.ok(capped.endsWith('…'));
        assert.ok(text.startsWith(capped.slice(0, -1)));
      }
    }),
  );
});

test('htmlToText output has no tags, no leading/trailing or doubled whitespace', () => {
  const fragment = fc.oneof(
    fc.constantFrom('<p>', '</p>', '<br/>', '<b>', '</b>', '<a href="x">', '</a>', '<img src="y">', '&amp;', '&lt;', '&#169;', ' ', '\n', '<!-- c -->'),
    fc.string({ maxLength: 8 }).map((s) => s.replace(/[<>&]/g, '')),
  );
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
      const text = htmlToText(parts.join(''));
      assert.doesNotMatch(text, /<\/?[a-z]+[^>]*>/i);
      assert.equal(text, text.trim());
      assert.doesNotMatch(text, /\s{2}/);
    }),
  );
});

test('dates written as RFC 822 or ISO 8601 in any offset read back as the same instant', () => {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }),
      fc.integer({ min: -12 * 4, max: 14 * 4 }).map((quarters) => quarters * 15),
      (seconds, offset) => {
        const ms = seconds * 1000;
        const local = new Date(ms + offset * 60_000);
        const sign = offset < 0 ? '-' : '+';
        const zone = `${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
        const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
        const rfc = `${days[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${time} ${sign}${zone}`;
        const iso = `${local.toISOString().slice(0, 10)}T${time}${sign}${zone.slice(0, 2)}:${zone.slice(2)}`;
        const expected = new Date(ms).toISOString();
        assert.equal(parseDate(rfc), expected, rfc);
        assert.equal(parseDate(iso), expected, iso);
      },
    ),
  );
});
