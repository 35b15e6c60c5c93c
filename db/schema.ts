/**
 * The two schemas, for code that imports tables by name. Each lives in its own database:
 * `schema/directory.ts` (accounts, staff, insurers, the shard map…) in the directory, and
 * `schema/insurer.ts` (roster, links, codes, checkups…) in each insurer's database (docs/scale.md).
 * A query reaches a directory table through `deps.db` and an insurer table through
 * `await deps.dbFor(insurerId)`; one statement never names tables of both.
 */
export * from './schema/directory'
export * from './schema/insurer'
