// puppeteer (through @web/test-runner-puppeteer, for Firefox ESR) would
// download a Chrome in its install script, which fails without network and
// is never used: the tests run Debian's /usr/bin/chromium and
// /usr/bin/firefox-esr. This makes a plain `npm install` work on a fresh
// machine (CI also sets PUPPETEER_SKIP_DOWNLOAD=1).
module.exports = { skipDownload: true };
