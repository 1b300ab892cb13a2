/**
 * The storage part of the script-tag bundle (`readnext.storage.min.js`):
 * everything that keeps data on the reader's device, which a page turns on
 * with `cache` (Cache Storage copies of the manifest and index) or `history`
 * (what the reader opened, in localStorage). Both are opt-in, since storage
 * on the reader's device needs consent in places, so most readers never
 * download this; see src/data/parts.ts.
 */
export { cachedText } from './data/cache.js';
export { visit } from './data/history.js';
