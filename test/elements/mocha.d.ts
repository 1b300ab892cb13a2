/**
 * The few Mocha globals the browser tests use. @web/test-runner provides Mocha
 * in the page, but @types/mocha is not a dependency; `types: ["node"]` in
 * tsconfig would not load it anyway.
 */
type Done = () => void | Promise<void>;

declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: Done): void;
declare function before(body: Done): void;
declare function beforeEach(body: Done): void;
declare function after(body: Done): void;
declare function afterEach(body: Done): void;
