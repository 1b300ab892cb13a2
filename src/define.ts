/**
 * Registers `<readnext-related>` and `<readnext-popular>`. Safe to import
 * more than once, or next to the script-tag bundle: taken tags are skipped.
 */
import { ReadnextPopularElement } from './elements/readnext-popular.js';
import { ReadnextRelatedElement } from './elements/readnext-related.js';

ReadnextRelatedElement.define();
ReadnextPopularElement.define();

export { ReadnextPopularElement, ReadnextRelatedElement };
