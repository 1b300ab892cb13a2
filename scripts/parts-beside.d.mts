// Types for scripts/parts-beside.mjs (imported by the TypeScript bench).
import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as RollupPlugin } from 'rollup';

export const PARTS: readonly string[];
export function partFile(name: string): string;
export function partsBesideScript(): RollupPlugin;
export function esbuildPartsBesideScript(): EsbuildPlugin;
