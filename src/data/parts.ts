/**
 * Code that only some pages need, loaded the first time one does, so other
 * readers never download it:
 * - text search (src/search.ts: MiniSearch, the tokeniser, retrieval, the
 *   JSON Feed reader), for a page missing from the manifest, a manifest
 *   without build-time neighbours, a JSON Feed, or `explain`;
 * - precomputed lists (src/shards.ts), for `precomputed`;
 * - storage on the reader's device (src/storage.ts: the Cache Storage copy
 *   and reader history), for `cache` and `history`.
 * In the npm build these are dynamic imports a bundler splits into chunks;
 * the script-tag bundle replaces this module with ./parts-script.ts, which
 * imports `readnext.<part>.min.js`.
 */
export type SearchModule = typeof import('../search.js');
export type ShardsModule = typeof import('../shards.js');
export type StorageModule = typeof import('../storage.js');

export const loadSearch = (): Promise<SearchModule> => import('../search.js');
export const loadShards = (): Promise<ShardsModule> => import('../shards.js');
export const loadStorage = (): Promise<StorageModule> => import('../storage.js');
