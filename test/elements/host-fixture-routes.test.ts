/**
 * The failing-network routes of web-test-runner.config.mjs answer as its
 * header comment says: the other suites rely on them to provoke each failure.
 */
import { expect } from '@esm-bundle/chai';
import { manifestUrl, requests } from './helpers.js';

const get = (params: Record<string, string>, init?: RequestInit) => fetch(manifestUrl('news', params).url, init);

describe('fixture routes', () => {
  it('&html answers 200 text/html, &type the JSON with another type, &bom a BOM first', async () => {
    const html = await get({ html: '' });
    expect(html.status).to.equal(200);
    expect(html.headers.get('content-type')).to.match(/^text\/html/);
    expect(await html.text()).to.match(/^<!doctype html>/);
    const plain = await get({ type: 'text/plain' });
    expect(plain.headers.get('content-type')).to.equal('text/plain');
    expect(JSON.parse(await plain.text()).version).to.equal(1);
    const bytes = new Uint8Array(await (await get({ bom: '' })).arrayBuffer());
    expect([...bytes.slice(0, 4)]).to.deep.equal([0xef, 0xbb, 0xbf, '{'.charCodeAt(0)]);
  });

  it('&fail=N fails N times with 503 (or &status), then serves', async () => {
    const { url, key } = manifestUrl('news', { fail: '2' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(url)).status);
    expect(statuses).to.deep.equal([503, 503, 200]);
    expect(await requests(key)).to.equal(3);
    expect((await get({ fail: '1', status: '500' })).status).to.equal(500);
  });

  it('&hang never answers until aborted', async () => {
    const controller = new AbortController();
    const pending = get({ hang: '' }, { signal: controller.signal }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    const first = await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, 300, 'waiting'))]);
    controller.abort();
    expect(first).to.equal('waiting');
    expect(await pending).to.equal('AbortError');
  });

  it('POST /api/stash serves any body as /api/manifest/stash', async () => {
    const { url, key } = manifestUrl('stash');
    expect((await fetch(url)).status).to.equal(404);
    await fetch(`/api/stash?key=${key}`, { method: 'POST', body: '{"version":1,"articles":[]}' });
    expect(await (await fetch(url)).json()).to.deep.equal({ version: 1, articles: [] });
    const seen = await (await fetch(`/api/seen?key=${key}`)).json();
    expect(seen).to.have.length(2);
    expect(seen[0].path).to.equal('/api/manifest/stash');
  });
});
