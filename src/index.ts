/**
 * readnext: the element classes (not registered; import `readnext/define`
 * for that) and the core's public types. No side effects.
 */
export { ReadnextRelatedElement } from './elements/readnext-related.js';
export { ReadnextPopularElement } from './elements/readnext-popular.js';
export type {
  ArticleInput,
  Layout,
  ReadnextBlock,
  ReadnextClickDetail,
  ReadnextErrorDetail,
  ReadnextEventMap,
  ReadnextListDetail,
  ReadnextState,
} from './elements/readnext-base.js';
export type * from './core/types.js';
export type { PopularOptions, PopularWindow, RelatedOptions, Exclusions } from './core/options.js';
