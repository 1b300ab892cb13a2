// Debian's Chromium and the flags every browser run here uses: the browser
// tests, the React and demo suites and the benchmarks. Headless as root needs
// --no-sandbox; the --disable-* flags stop background connections this
// machine's closed network would refuse; nothing is ever downloaded.
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);

/** `launchOptions` for @web/test-runner-chrome's chromeLauncher. */
export const chromiumLaunchOptions = () => ({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
