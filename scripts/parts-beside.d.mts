// Types for scripts/parts-beside.mjs (imported by the TypeScript bench).
import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as RollupPlugin } from 'rollup';

export function partsBesideScript(): RollupPlugin;
export function esbuildPartsBesideScript(): EsbuildPlugin;
