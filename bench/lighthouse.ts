/**
 * The widget's main-thread cost measured the way third-party-web measures
 * Taboola, Outbrain and the rest: Lighthouse's `bootup-time` audit, mobile
 * profile with default simulated throttling (trace CPU time × 4), the
 * script's `scripting` column. The audit hides scripts under 50 ms by
 * default; the threshold is set to 0 so a cheap widget still gets a number.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROME_FLAGS, CHROME_PATH } from './browser.js';

export interface BootupRun {
  /** `scripting` (script evaluation) attributed to the script URL, ms. */
  scripting: number;
  /** `scripting` + parse/compile, ms. */
  total: number;
  /**
   * The audit's "Unattributable" row: script the trace could not tie to a
   * URL. Promise callbacks (work after a `fetch` resolves) often land here,
   * so a widget's cost can hide in it; shown beside the script's own row.
   */
  unattributable: number;
  /** Every other script URL the audit lists with its scripting ms, to spot work moved to another URL (a worker). */
  others: Record<string, number>;
}

interface BootupItem {
  url: string;
  total: number;
  scripting: number;
  scriptParseCompile: number;
}

const CONFIG = {
  extends: 'lighthouse:default',
  settings: { onlyAudits: ['bootup-time'] },
  audits: [{ path: 'bootup-time', options: { thresholdInMs: 0 } }],
};

/** A Chrome that Lighthouse drives; one per batch of runs, closed by `close()`. */
export async function launchForLighthouse(): Promise<{ port: number; close: () => Promise<void> }> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  return { port: chrome.port, close: async () => void (await chrome.kill()) };
}

/**
 * One Lighthouse run of `pageUrl`: the bootup-time rows of `scriptUrls` (the
 * widget's files: the bundle, and its search file when the page loaded it)
 * summed, or undefined when the audit did not run.
 */
export async function bootupTime(port: number, pageUrl: string, scriptUrls: string[]): Promise<BootupRun | undefined> {
  const result = await lighthouse(pageUrl, { port, output: 'json', logLevel: 'error' }, CONFIG);
  const audit = result?.lhr.audits['bootup-time'];
  const items = ((audit?.details as { items?: BootupItem[] } | undefined)?.items ?? []).filter((i) => typeof i.url === 'string');
  if (!audit || audit.scoreDisplayMode === 'error') return undefined;
  const mine = items.filter((i) => scriptUrls.includes(i.url));
  const others: Record<string, number> = {};
  for (const i of items) if (!scriptUrls.includes(i.url)) others[i.url] = i.scripting;
  const unattributable = items.find((i) => i.url === 'Unattributable')?.scripting ?? 0;
  const sum = (key: 'scripting' | 'total') => mine.reduce((s, i) => s + i[key], 0);
  return { scripting: sum('scripting'), total: sum('total'), unattributable, others };
}
