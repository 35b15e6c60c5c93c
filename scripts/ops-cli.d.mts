// Types of scripts/ops-cli.mjs, for the TypeScript that imports it (e2e/global-setup.ts).
import type { SpawnSyncReturns } from 'node:child_process'

export type ImportOptions = { insurer?: string; file: string; url: string; token: string }
export declare const OPS_CLI: string[]
export declare function importArgs(
  kind: 'roster' | 'checkups',
  options: ImportOptions,
  ...more: string[]
): string[]
export declare function opsImport(
  kind: 'roster' | 'checkups',
  options: ImportOptions,
): SpawnSyncReturns<string>
