/**
 * The theming contract: every private `--_x` variable is defined once on the
 * host and used somewhere, so a renamed or removed token cannot rot silently.
 */
import { expect } from '@esm-bundle/chai';
import { styles } from '../../src/elements/readnext.styles.js';

describe('styles', () => {
  const text = styles.cssText;
  const defined = [...text.matchAll(/(--_[\w-]+)\s*:/g)].map((m) => m[1]);
  const used = new Set([...text.matchAll(/var\((--_[\w-]+)/g)].map((m) => m[1]));

  it('uses every private variable it defines, and defines every one it uses', () => {
    expect(new Set(defined).size, 'no variable defined twice').to.equal(defined.length);
    expect([...used].sort()).to.deep.equal([...defined].sort());
  });

  it('maps each private variable to a public --readnext-* property', () => {
    for (const name of defined) {
      expect(text).to.match(new RegExp(`${name}\\s*:\\s*var\\(--readnext-[\\w-]+`), name);
    }
  });

  it('honours [hidden], reduced motion and forced colors', () => {
    expect(text).to.include(':host([hidden])');
    expect(text).to.include('prefers-reduced-motion');
    expect(text).to.include('forced-colors');
  });
});
