/** `shards add-database`: registers a new insurer database once the Worker can open it. */
import { t } from '../i18n.ts'
import { connect, defineCommand, withCommand } from '../command.ts'
import { UsageError } from '../errors.ts'
import { shards } from './shards-common.ts'

export default defineCommand({
  name: 'shards add-database',
  help: 'help_shards_add_database',
  options: {
    name: { type: 'string' },
    kind: { type: 'string' },
    // `--url` is the operator API's address (every command's), hence its own name.
    'database-url': { type: 'string' },
  },
  positionals: [],
  async run(ctx) {
    const body = withCommand('shards add-database', () => {
      const v = ctx.values
      const bad = (
        flag: string,
        value: string,
        expected: 'expected_new_database' | 'expected_database_kind' | 'expected_database_url',
      ) => new UsageError('bad_flag_value', { flag, value, expected: t(ctx.lang, expected) })
      if (typeof v.name !== 'string') throw new UsageError('missing_flag', { flag: '--name' })
      if (!/^[a-z][a-z0-9_]{1,30}$/.test(v.name))
        throw bad('--name', v.name, 'expected_new_database')
      if (typeof v.kind !== 'string') throw new UsageError('missing_flag', { flag: '--kind' })
      if (v.kind !== 'd1' && v.kind !== 'libsql')
        throw bad('--kind', v.kind, 'expected_database_kind')
      const url = v['database-url']
      if (v.kind === 'libsql' && typeof url !== 'string')
        throw new UsageError('missing_flag', { flag: '--database-url' })
      if (typeof url === 'string' && (v.kind === 'd1' || !/^(libsql|https?):\/\/\S+$/.test(url)))
        throw bad('--database-url', url, 'expected_database_url')
      return {
        name: v.name,
        kind: v.kind,
        ...(typeof url === 'string' ? { url } : {}),
      } as { name: string; kind: 'd1' | 'libsql'; url?: string }
    })
    const { client } = connect(ctx)
    const { database } = await client.request(() => shards(client).databases.$post({ json: body }))
    if (ctx.values.json) ctx.out(JSON.stringify({ database }, null, 2))
    else ctx.out(t(ctx.lang, 'shards_database_added', { name: database.name, kind: database.kind }))
    return 0
  },
})
