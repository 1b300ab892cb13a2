// The strict-CSP host page's own script (a file, so `script-src 'self'` allows
// it): records CSP violations and errors, then adds the widgets named by the
// query string with DOM calls only, since innerHTML needs Trusted Types here.
window.violations = [];
window.errors = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
});
addEventListener('error', (e) => window.errors.push('error: ' + e.message));
addEventListener('unhandledrejection', (e) => window.errors.push('unhandledrejection: ' + String(e.reason)));

const params = new URLSearchParams(location.search);
const manifest = params.get('manifest');
const canonical = document.createElement('link');
canonical.rel = 'canonical';
canonical.href = '/news/heatwave-grid';
document.head.append(canonical);
addEventListener('DOMContentLoaded', () => {
  for (const [tag, attributes] of [
    ['readnext-related', { layout: 'grid', heading: 'Read next', explain: '' }],
    ['readnext-popular', { layout: 'compact' }],
    ['readnext-related', { layout: 'list', thumbnails: '', 'article-url': '/news/not-in-the-manifest' }],
  ]) {
    const element = document.createElement(tag);
    element.setAttribute('manifest', manifest);
    element.setAttribute('eager', '');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    document.body.append(element);
  }
});
