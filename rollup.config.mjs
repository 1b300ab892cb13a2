// Two builds from one source tree:
// 1. ES modules for npm (one file per module, so bundlers tree-shake and
//    `readnext/core` stays free of Lit), with type declarations.
// 2. The script-tag bundle: one self-registering IIFE with Lit and MiniSearch inlined.
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const bare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

export default [
  {
    input: {
      index: 'src/index.ts',
      define: 'src/define.ts',
      'core/index': 'src/core/index.ts',
      'cli/main': 'src/cli/main.ts',
    },
    external: bare,
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
    plugins: [typescript({ tsconfig: './tsconfig.build.json' })],
  },
  {
    input: 'src/bundle.ts',
    output: { file: 'dist/readnext.min.js', format: 'iife' },
    plugins: [
      nodeResolve(),
      typescript({ tsconfig: './tsconfig.build.json', declaration: false, declarationDir: undefined, outDir: 'dist' }),
      terser({ ecma: 2021, module: false, compress: { passes: 2 }, format: { comments: false } }),
    ],
  },
];
