/**
 * readnext/react: `<ReadnextRelated>` and `<ReadnextPopular>` for React 18
 * and 19, made with `@lit/react`. Props are set as element properties, so
 * `articles` takes an array and `articleId`/`articleUrl` need no kebab-case;
 * `onReadnextReady`, `onReadnextImpression`, `onReadnextClick` and
 * `onReadnextError` listen for the `readnext-*` events, typed.
 *
 * Importing this module registers both tags through `./define.js`, the same
 * guarded registration as `readnext/define`: one place decides the tag names,
 * and loading it next to the script-tag bundle is harmless. It is not part of
 * the script-tag bundle, and `react` is an optional peer dependency.
 */
import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import type { LitElement } from 'lit';
import './define.js';
import { ReadnextPopularElement } from './elements/readnext-popular.js';
import { ReadnextRelatedElement } from './elements/readnext-related.js';
import type { ReadnextEventMap } from './elements/readnext-base.js';

/**
 * The props an element takes: its public, writable data properties. Lit's and
 * HTMLElement's own members, methods (`refresh()`) and the read-only `state`
 * are left out, so a field added to an element becomes a prop without an edit here.
 */
type ElementProps<E extends LitElement> = {
  [K in Exclude<keyof E, keyof LitElement | 'state'> as E[K] extends (...args: never[]) => unknown ? never : K]?: E[K];
};

/** Props of `<ReadnextRelated>` besides React's HTML attributes and the event props. */
export type ReadnextRelatedProps = ElementProps<ReadnextRelatedElement>;

/** Props of `<ReadnextPopular>` besides React's HTML attributes and the event props. */
export type ReadnextPopularProps = ElementProps<ReadnextPopularElement>;

/** The event props both components take; handlers get the elements' typed events. */
const events = {
  /** Items are shown; `event.detail.ids` in order. */
  onReadnextReady: 'readnext-ready' as EventName<ReadnextEventMap['readnext-ready']>,
  /** Half the block has been in view, once per list shown. */
  onReadnextImpression: 'readnext-impression' as EventName<ReadnextEventMap['readnext-impression']>,
  /** A reader followed an item: `event.detail.id`, `position`, `url`. */
  onReadnextClick: 'readnext-click' as EventName<ReadnextEventMap['readnext-click']>,
  /** The manifest (or `articles`) could not be loaded, parsed or ranked; `event.detail.problem` says why. */
  onReadnextError: 'readnext-error' as EventName<ReadnextEventMap['readnext-error']>,
};

/**
 * A readnext element as a React component: props `P`, React's HTML attributes,
 * the event props, and a `ref` to the element `E` itself (to call `refresh()`
 * after a client-side navigation, say). `@lit/react` would type the ref by the
 * props instead.
 */
export type ReadnextComponent<E extends HTMLElement, P> = React.ForwardRefExoticComponent<
  Omit<React.ComponentPropsWithoutRef<ReactWebComponent<HTMLElement & P, typeof events>>, 'ref'> & React.RefAttributes<E>
>;

/**
 * `<readnext-related>` as a React component: articles related to the one being read.
 *
 * @example
 * <ReadnextRelated manifest="/readnext.json" limit={4} onReadnextError={(event) => report(event.detail.problem)} />
 */
export const ReadnextRelated: ReadnextComponent<ReadnextRelatedElement, ReadnextRelatedProps> = createComponent({
  react: React,
  tagName: 'readnext-related',
  elementClass: ReadnextRelatedElement,
  events,
  displayName: 'ReadnextRelated',
});

/**
 * `<readnext-popular>` as a React component: the most-read articles in a time window.
 *
 * @example
 * <ReadnextPopular manifest="/readnext.json" window="24h" layout="compact" />
 */
export const ReadnextPopular: ReadnextComponent<ReadnextPopularElement, ReadnextPopularProps> = createComponent({
  react: React,
  tagName: 'readnext-popular',
  elementClass: ReadnextPopularElement,
  events,
  displayName: 'ReadnextPopular',
});

export { ReadnextPopularElement, ReadnextRelatedElement };
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
