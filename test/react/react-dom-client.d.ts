/**
 * The part of `react-dom/client` the React tests use. react-dom ships no
 * types and `@types/react-dom` is not a dependency; delete this file if it
 * becomes one.
 */
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';

  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }

  export function createRoot(container: Element | DocumentFragment): Root;
}
