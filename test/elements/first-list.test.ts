/**
 * A built manifest is in use as soon as it is parsed (issue 5: first item
 * ≤ 100 ms after a 10k-article manifest arrives): a page's related list is
 * ranked from its own record and its neighbours' while the rest is
 * normalised, then ranked again from the whole. These tests hold the first
 * list to the whole catalogue's, and the element to the final list.
 */
import { expect } from '@esm-bundle/chai';
import '../../src/define.js';
import { manifestSource, type RelatedRequest } from '../../src/data/store.js';
import type { PageRef } from '../../src/data/page.js';
import type { ReadnextBase } from '../../src/elements/readnext-base.js';
import { cleanup, manifestUrl, mount, shown, until } from './helpers.js';

const absolute = (url: string): string => new URL(url, location.href).href;

/** Serves `document` from /api/stash; its absolute URL. */
async function stash(document: unknown): Promise<string> {
  const { url, key } = manifestUrl('stash');
  await fetch(`/api/stash?key=${key}`, { method: 'POST', body: JSON.stringify(document) });
  return absolute(url);
}

const page = (path: string, id?: string): PageRef => ({ url: absolute(path), ...(id && { id }) });
const ids = (result: { items: readonly { article: { id: string } }[] }) => result.items.map((i) => i.article.id);

interface NewsDocument {
  version: 1;
  articles: { id: string; url: string; near?: number[]; [key: string]: unknown }[];
}

describe('the first list of a built manifest', () => {
  let news: NewsDocument;
  before(async () => {
    news = (await (await fetch('/test/fixtures/elements/news.json')).json()) as NewsDocument;
  });
  afterEach(cleanup);

  it('is ranked before the manifest is whole, and equals the whole catalogue\'s list for every page and option set', async () => {
    const url = await stash(news);
    const options: RelatedRequest[] = [{ limit: 1 }, { limit: 2 }, { limit: 2, diversity: 0 }, { limit: 2, exclude: { sections: ['Sport'] } }, { limit: 3, sameSectionBoost: 2 }];
    let first = 0;
    for (const article of news.articles) {
      for (const option of options) {
        for (const ref of [page(article.url), page('/elsewhere/', article.id)]) {
          // A fresh source each time, so that each first list is ranked before the catalogue is in.
          const source = manifestSource({ manifest: url });
          expect((await source.load()).ok).to.equal(true);
          const quick = await source.related(ref, option);
          if (quick.final) {
            first++;
            await quick.final;
          }
          // Once the catalogue is in, every list comes from it.
          const whole = await source.related(ref, option);
          expect(whole.final).to.equal(undefined);
          expect(ids(quick), `${article.id} ${JSON.stringify(option)}`).to.deep.equal(ids(whole));
        }
      }
    }
    // Most pages found by URL have at least `limit` neighbours; the others, and pages
    // named only by id (their URL path here is not the article's), wait for the whole catalogue.
    expect(first).to.be.above(news.articles.length * options.length * 0.75);
  });

  it('waits for the whole catalogue when options read other articles, or the page is not in the manifest', async () => {
    const url = await stash(news);
    const heat = page('/news/heatwave-grid');
    for (const option of [{ recent: ['solar-farms'] }, { pinned: ['ai-tutors'] }, { popularityWeight: 0.5 }, { terms: true }, { limit: 8 }] as RelatedRequest[]) {
      const source = manifestSource({ manifest: url });
      await source.load();
      expect((await source.related(heat, option).catch(() => ({ final: undefined }))).final, JSON.stringify(option)).to.equal(undefined);
    }
    const source = manifestSource({ manifest: url });
    await source.load();
    expect((await source.related(page('/news/not-in-the-manifest'), { limit: 1 }).catch(() => ({ final: undefined }))).final).to.equal(undefined);
  });

  it('never turns a record\'s value into a string: a page\'s own Object.prototype.toString cannot break it', async () => {
    const document: NewsDocument = { ...news, articles: [{ id: 'odd', url: { toString: 'not a function' } as unknown as string, title: 'Odd' }, ...news.articles.map((a) => ({ ...a, near: a.near?.map((n, k) => (k % 2 ? n : n + 1)) }))] };
    const url = await stash(document);
    const toString = Object.prototype.toString;
    Object.prototype.toString = () => {
      throw new Error('a page broke toString');
    };
    try {
      const source = manifestSource({ manifest: url });
      await source.load();
      const first = await source.related(page('/news/heatwave-grid'), { limit: 2 });
      expect(first.final).to.not.equal(undefined);
      expect(first.items).to.have.length(2);
    } finally {
      Object.prototype.toString = toString;
    }
  });

  it('the element shows the whole catalogue\'s list when the first one differed', async () => {
    // `copy` repeats the id of the first record, so the whole catalogue drops it
    // as a duplicate; the page's own neighbourhood does not include that first record.
    const first = news.articles[0]!;
    const document: NewsDocument = {
      version: 1,
      articles: [
        { ...first, near: [] },
        { id: 'page', url: '/news/the-page', title: 'The page', publishedAt: first.publishedAt, near: [2, 500, 3, 400] },
        { id: first.id, url: '/news/copy', title: 'A copy of the first id', publishedAt: first.publishedAt, near: [] },
        { id: 'other', url: '/news/other', title: 'Another story', publishedAt: first.publishedAt, near: [] },
      ],
    };
    const url = await stash(document);
    const source = manifestSource({ manifest: url });
    await source.load();
    const quick = await source.related(page('/news/the-page'), { limit: 2, fill: false });
    expect(quick.final).to.not.equal(undefined);
    expect(ids(quick)).to.deep.equal([first.id, 'other']);
    // The element shows the first list, then the whole catalogue's in its place.
    const el = mount(`<readnext-related manifest="${url}" article-url="/news/the-page" limit="2" fill="off" eager></readnext-related>`).firstElementChild as ReadnextBase;
    const lists: string[][] = [];
    el.addEventListener('readnext-ready', (e) => lists.push((e as CustomEvent<{ ids: string[] }>).detail.ids));
    await until(() => lists.length == 2, 'two lists');
    expect(lists).to.deep.equal([[first.id, 'other'], ['other']]);
    expect(shown(el)).to.deep.equal(['other']);
  });
});
