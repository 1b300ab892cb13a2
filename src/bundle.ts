/**
 * The script-tag bundle's entry: built as one IIFE (no import/export), so it
 * runs the same from `<script defer src>` and `<script type="module" src>`.
 * The guard is the registry itself rather than a global flag: loading twice
 * then adds no global of ours, and a page that defined the tags first wins.
 */
import { ReadnextPopularElement } from './elements/readnext-popular.js';
import { ReadnextRelatedElement } from './elements/readnext-related.js';

try {
  if (typeof customElements !== 'undefined') {
    ReadnextRelatedElement.define();
    ReadnextPopularElement.define();
  }
} catch (error) {
  // A page with a broken or locked registry gets no widgets, not an exception.
  console.warn('readnext: could not register elements', error);
}
