// Page templates for the sample news site, as plain template functions.
// Every piece of content passes through esc(); nothing here fetches anything.

export const SITE_NAME = 'The Harbour Ledger';
export const SAMPLE_MARKER = 'Sample content — readnext demo';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML content and double- or single-quoted attributes. */
export const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** "3 hours ago" style, from an age in hours. */
export function timeAgo(hours) {
  const h = Math.max(0, Number(hours) || 0);
  if (h < 1) {
    const m = Math.max(1, Math.round(h * 60));
    return m === 1 ? '1 minute ago' : `${m} minutes ago`;
  }
  if (h < 24) {
    const n = Math.floor(h);
    return n === 1 ? '1 hour ago' : `${n} hours ago`;
  }
  const d = Math.floor(h / 24);
  if (d < 7) return d === 1 ? 'Yesterday' : `${d} days ago`;
  if (d < 35) {
    const w = Math.floor(d / 7);
    return w === 1 ? '1 week ago' : `${w} weeks ago`;
  }
  const mo = Math.floor(d / 30);
  return mo <= 1 ? '1 month ago' : `${mo} months ago`;
}

const FULL_DATE = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short',
});
const DAY_DATE = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export const fullDate = (date) => FULL_DATE.format(date).replace(' at ', ', ');
export const dayDate = (date) => DAY_DATE.format(date);

const fmtViews = new Intl.NumberFormat('en-GB');

function time(article, now) {
  const date = new Date(article.publishedAt);
  return `<time datetime="${esc(article.publishedAt)}" title="${esc(fullDate(date))}" data-relative>${esc(timeAgo((now - date.getTime()) / 3.6e6))}</time>`;
}

function img(article, { eager = false } = {}) {
  const { src, alt, width, height } = article.image;
  return `<img src="${esc(src)}" alt="${esc(alt)}" width="${width}" height="${height}" ${eager ? 'fetchpriority="high"' : 'loading="lazy"'} decoding="async">`;
}

function header(site, current) {
  const nav = site.sections
    .map((s) => `<li><a href="${esc(s.url)}"${current === s.slug ? ' aria-current="page"' : ''}>${esc(s.label)}</a></li>`)
    .join('');
  const title = current === 'home'
    ? `<h1 class="masthead__title"><a href="/">${esc(SITE_NAME)}</a></h1>`
    : `<p class="masthead__title"><a href="/">${esc(SITE_NAME)}</a></p>`;
  return `<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="demo-bar" role="note">
    <div class="wrap demo-bar__inner">
      <p class="demo-bar__marker"><span class="demo-bar__badge">Sample content</span> readnext demo<span class="demo-bar__more">: a fictional news site; the “Most Popular” and “You May Also Like” blocks are the readnext widgets</span>.</p>
      <p class="demo-bar__links"><a href="/configurator/">Configurator</a> <a href="/manifest.json">manifest.json</a></p>
    </div>
  </div>
  <div class="masthead">
    <div class="wrap masthead__inner">
      ${title}
      <p class="masthead__date">${esc(dayDate(new Date(site.now)))} · <span class="masthead__sample">${esc(SAMPLE_MARKER)}</span></p>
    </div>
  </div>
  <nav class="sections-nav" aria-label="Sections">
    <ul class="wrap">
      <li><a href="/"${current === 'home' ? ' aria-current="page"' : ''}>Home</a></li>${nav}
    </ul>
  </nav>
</header>`;
}

function footer(site) {
  const links = site.sections.map((s) => `<li><a href="${esc(s.url)}">${esc(s.label)}</a></li>`).join('');
  return `<footer class="site-footer">
  <div class="wrap">
    <p class="site-footer__name">${esc(SITE_NAME)}</p>
    <nav aria-label="Footer"><ul class="site-footer__links">${links}<li><a href="/configurator/">Configurator</a></li></ul></nav>
    <p class="site-footer__note">${esc(SITE_NAME)} is a fictional publication. Every article here is sample content written for the readnext demo: the people, places, organisations and figures in them are invented. Recommendations are ranked in your browser from <a href="/manifest.json">/manifest.json</a>; nothing is sent anywhere.</p>
  </div>
</footer>`;
}

function documentShell(site, { title, ogTitle = title, description, canonical, current, meta = '', body, bodyClass }) {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(description)}">
<link rel="canonical" href="${esc(canonical)}">
<meta property="og:site_name" content="${esc(SITE_NAME)}">
<meta property="og:url" content="${esc(canonical)}">
<meta property="og:title" content="${esc(ogTitle)}">
<meta property="og:description" content="${esc(description)}">
${meta}<meta name="robots" content="noindex">
<meta name="theme-color" content="#0d2b3e">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/site.css">
${site.hasBundle ? '<script type="module" src="/readnext.min.js"></script>\n' : ''}<script type="module" src="/site.js"></script>
</head>
<body class="${esc(bodyClass)}">
${header(site, current)}
${body}
${footer(site)}
</body>
</html>
`;
}

/** One article page: the shape publishers embed readnext into. */
export function articlePage(site, article) {
  const section = site.sectionBySlug.get(article.sectionSlug);
  const tags = article.tags.map((t) => `<meta property="article:tag" content="${esc(t)}">`).join('\n');
  const meta = `<meta property="og:type" content="article">
<meta property="og:image" content="${esc(site.absolute(article.image.src))}">
<meta property="og:image:alt" content="${esc(article.image.alt)}">
<meta property="article:section" content="${esc(section.label)}">
<meta property="article:published_time" content="${esc(article.publishedAt)}">
<meta property="article:author" content="${esc(article.author)}">
${tags}
`;
  const paragraphs = article.body.map((p) => `<p>${esc(p)}</p>`).join('\n      ');
  const tagList = article.tags.map((t) => `<li>${esc(t)}</li>`).join('');
  const body = `<div class="wrap page page--article">
  <main id="main" class="page__main">
    <article class="story" aria-labelledby="headline">
      <header class="story__head">
        <p class="kicker"><a href="${esc(section.url)}">${esc(section.label)}</a></p>
        <h1 id="headline" class="story__headline">${esc(article.title)}</h1>
        <p class="story__standfirst">${esc(article.summary)}</p>
        <p class="byline"><span class="byline__author">By ${esc(article.author)}</span> <span class="byline__sep" aria-hidden="true">·</span> ${time(article, site.now)} <span class="byline__full">${esc(fullDate(new Date(article.publishedAt)))}</span></p>
      </header>
      <figure class="story__figure">
        ${img(article, { eager: true })}
        <figcaption>${esc(article.image.alt)}. Generated artwork for the readnext demo.</figcaption>
      </figure>
      <div class="story__body">
      ${paragraphs}
      </div>
      <footer class="story__foot">
        <h2 class="story__foot-title">Topics</h2>
        <ul class="tags">${tagList}</ul>
        <p class="story__views">${esc(fmtViews.format(article.views))} reads</p>
      </footer>
    </article>
    <section class="recommendations" aria-label="Recommended articles">
      <readnext-related manifest="/manifest.json" layout="grid"></readnext-related>
    </section>
  </main>
  ${popularRail()}
</div>`;
  return documentShell(site, {
    title: `${article.title} | ${SITE_NAME}`,
    // Without the site-name suffix: readnext ranks against og:title when an article is not in the manifest.
    ogTitle: article.title,
    description: article.summary,
    canonical: site.absolute(article.url),
    current: article.sectionSlug,
    meta,
    body,
    bodyClass: 'is-article',
  });
}

function card(site, article, { level = 3, summary = false, eager = false } = {}) {
  const section = site.sectionBySlug.get(article.sectionSlug);
  return `<article class="card">
  <a class="card__link" href="${esc(article.url)}">
    ${img(article, { eager })}
    <h${level} class="card__title">${esc(article.title)}</h${level}>
  </a>
  ${summary ? `<p class="card__summary">${esc(article.summary)}</p>` : ''}
  <p class="card__meta"><a class="card__section" href="${esc(section.url)}">${esc(section.label)}</a> ${time(article, site.now)}</p>
</article>`;
}

/** The front page: lead story, top stories, a row per section, Most Popular in the rail. */
export function homePage(site) {
  const byAge = [...site.articles].sort((a, b) => a.ageHours - b.ageHours);
  // The lead is the most-read of the freshest stories, as a front-page editor would pick it.
  const fresh = byAge.slice(0, 8);
  const lead = fresh.reduce((best, a) => ((a.views24h ?? 0) > (best.views24h ?? 0) ? a : best), fresh[0]);
  const top = byAge.filter((a) => a !== lead).slice(0, 4);
  const used = new Set([lead, ...top]);

  const rows = site.sections
    .map((s) => {
      const items = byAge.filter((a) => a.sectionSlug === s.slug && !used.has(a)).slice(0, 4);
      if (!items.length) return '';
      return `<section class="section-row" aria-labelledby="row-${esc(s.slug)}">
  <div class="section-row__head">
    <h2 id="row-${esc(s.slug)}" class="section-row__title"><a href="${esc(s.url)}">${esc(s.label)}</a></h2>
    <a class="section-row__more" href="${esc(s.url)}">More ${esc(s.label)} <span aria-hidden="true">→</span></a>
  </div>
  <div class="grid grid--4">
    ${items.map((a) => card(site, a)).join('\n    ')}
  </div>
</section>`;
    })
    .join('\n');

  const leadSection = lead ? site.sectionBySlug.get(lead.sectionSlug) : undefined;
  const latest = byAge.slice(0, 8).map((a) => `<li><a href="${esc(a.url)}">${esc(a.title)}</a> ${time(a, site.now)}</li>`).join('\n        ');
  const body = `<div class="wrap page page--home">
  <main id="main" class="page__main">
    ${lead ? `<section class="front" aria-label="Top stories">
      <article class="lead">
        <a class="lead__media" href="${esc(lead.url)}" tabindex="-1" aria-hidden="true">${img(lead, { eager: true })}</a>
        <div class="lead__text">
          <p class="kicker"><a href="${esc(leadSection.url)}">${esc(leadSection.label)}</a></p>
          <h2 class="lead__title"><a href="${esc(lead.url)}">${esc(lead.title)}</a></h2>
          <p class="lead__summary">${esc(lead.summary)}</p>
          <p class="card__meta">By ${esc(lead.author)} · ${time(lead, site.now)}</p>
        </div>
      </article>
      <div class="grid grid--4 front__top">
        ${top.map((a) => card(site, a)).join('\n        ')}
      </div>
    </section>` : '<p>No sample articles found in demo/content.</p>'}
    ${rows}
  </main>
  ${popularRail(`<section class="latest" aria-labelledby="latest-title">
        <h2 id="latest-title" class="latest__title">Latest</h2>
        <ol class="latest__list">
        ${latest}
        </ol>
      </section>`)}
</div>`;
  return documentShell(site, {
    title: `${SITE_NAME}: news, analysis and opinion (readnext demo)`,
    description: `${SITE_NAME} is a fictional news site that demonstrates readnext’s “You May Also Like” and “Most Popular” widgets.`,
    canonical: site.absolute('/'),
    current: 'home',
    body,
    bodyClass: 'is-home',
  });
}

/** The sidebar every page shares: "Most Popular", and anything a page adds under it. */
function popularRail(extra = '') {
  return `<aside class="page__rail" aria-label="Most popular">
    <div class="rail__sticky">
      <readnext-popular manifest="/manifest.json" layout="compact"></readnext-popular>
      ${extra}
    </div>
  </aside>`;
}

/** A section front: every article in the section, newest first. */
export function sectionPage(site, section) {
  const items = site.articles.filter((a) => a.sectionSlug === section.slug).sort((a, b) => a.ageHours - b.ageHours);
  const body = `<div class="wrap page page--section">
  <main id="main" class="page__main">
    <h1 class="section-title">${esc(section.label)}</h1>
    <div class="grid grid--3">
      ${items.map((a, i) => card(site, a, { level: 2, summary: true, eager: i < 3 })).join('\n      ')}
    </div>
  </main>
  ${popularRail()}
</div>`;
  return documentShell(site, {
    title: `${section.label} | ${SITE_NAME}`,
    description: `${section.label} news from ${SITE_NAME}, a sample site for the readnext demo.`,
    canonical: site.absolute(section.url),
    current: section.slug,
    body,
    bodyClass: 'is-section',
  });
}

/** Served for any path that does not exist. */
export function notFoundPage(site) {
  const body = `<div class="wrap page page--notfound">
  <main id="main" class="page__main">
    <h1 class="section-title">Page not found</h1>
    <p class="notfound__text">There is nothing at this address. It may be an article from another build of the demo, or a page that has not been written yet.</p>
    <p><a class="button" href="/">Go to the front page</a></p>
  </main>
  ${popularRail()}
</div>`;
  return documentShell(site, {
    title: `Page not found | ${SITE_NAME}`,
    description: 'Page not found.',
    canonical: site.absolute('/404.html'),
    current: '',
    body,
    bodyClass: 'is-notfound',
  });
}

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#0d2b3e"/><path d="M14 44h36M18 44V26l14-8 14 8v18" fill="none" stroke="#f4efe6" stroke-width="5" stroke-linejoin="round"/></svg>
`;
