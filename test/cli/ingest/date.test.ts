import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDate } from '../../../src/cli/ingest/date.js';

test('RFC 822 dates with numeric and named zones', () => {
  assert.equal(parseDate('Wed, 03 Jan 2018 13:47:00 GMT'), '2018-01-03T13:47:00.000Z');
  assert.equal(parseDate('Tue, 02 Jan 2024 09:30:00 -0500'), '2024-01-02T14:30:00.000Z');
  assert.equal(parseDate('Sat, 06 Jan 2024 08:00:00 EST'), '2024-01-06T13:00:00.000Z');
  assert.equal(parseDate('Fri, 08 Jul 2016 13:40:00 UTC'), '2016-07-08T13:40:00.000Z');
  assert.equal(parseDate('Thu, 12 Nov 2015 21:16:39 +0000'), '2015-11-12T21:16:39.000Z');
  assert.equal(parseDate('Wed, 03 Jan 2018 13:47:00 GMT\n      '), '2018-01-03T13:47:00.000Z');
});

test('obsolete RFC 822 forms: two-digit years, no colon in the time, no weekday', () => {
  assert.equal(parseDate('03 Apr 02 1500 GMT'), '2002-04-03T15:00:00.000Z');
  assert.equal(parseDate('5 March 1999 10:00 +0100'), '1999-03-05T09:00:00.000Z');
});

test('ISO 8601 with offsets, fractions and without a zone (read as UTC, not local time)', () => {
  assert.equal(parseDate('2017-06-21T10:33:10-07:00'), '2017-06-21T17:33:10.000Z');
  assert.equal(parseDate('2016-06-03T07:38:22.568-07:00'), '2016-06-03T14:38:22.568Z');
  assert.equal(parseDate('2024-01-02'), '2024-01-02T00:00:00.000Z');
  assert.equal(parseDate('2024-01-02 10:00:00'), '2024-01-02T10:00:00.000Z');
  assert.equal(parseDate('2024-01-02T10:00:00+0130'), '2024-01-02T08:30:00.000Z');
  assert.equal(parseDate('20240102'), '2024-01-02T00:00:00.000Z');
});

test('loose forms, Date objects and epoch numbers', () => {
  assert.equal(parseDate('Jul 08 2022'), '2022-07-08T00:00:00.000Z');
  assert.equal(parseDate(new Date(Date.UTC(2020, 1, 3))), '2020-02-03T00:00:00.000Z');
  assert.equal(parseDate(1700000000), '2023-11-14T22:13:20.000Z');
  assert.equal(parseDate(1700000000000), '2023-11-14T22:13:20.000Z');
});

test('non-dates are undefined', () => {
  for (const value of ['sometime last week', '', '2024-13-45', '0001-01-01T00:00:00Z', undefined, null, {}]) {
    assert.equal(parseDate(value), undefined, String(value));
  }
});
