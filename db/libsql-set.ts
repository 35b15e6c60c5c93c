import { createClient, type Client } from '@libsql/client'
import { migrateLibsql } from './migrate'
import {
  openDatabases,
  openLibsql,
  placeInsurer,
  registerDatabase,
  type Database,
  type Databases,
} from './open'

/**
 * A directory and named insurer databases on libSQL in Node (`file:` or `:memory:` URLs), migrated
 * with their streams and registered in the directory: what benches and Node tools open. The URLs are
 * recorded in `databases.url`; in-memory ones are reached through the clients opened here.
 */
export async function openLibsqlSet(urls: {
  directory: string
  shards: Record<string, string>
}): Promise<{ databases: Databases; directory: Database; clients: Map<string, Client> }> {
  const directoryClient = createClient({ url: urls.directory })
  await migrateLibsql(directoryClient, 'directory')
  const directory = openLibsql(directoryClient)
  const clients = new Map<string, Client>([['directory', directoryClient]])
  for (const [name, url] of Object.entries(urls.shards)) {
    const client = createClient({ url })
    await migrateLibsql(client, 'insurer')
    clients.set(name, client)
    await registerDatabase(directory, { name, kind: 'libsql', url }, 0)
  }
  const databases = openDatabases(directory, (row) => {
    const client = clients.get(row.name)
    if (client) return openLibsql(client)
    if (!row.url) throw new Error(`database ${row.name} has no URL`)
    return openLibsql(createClient({ url: row.url }))
  })
  return { databases, directory, clients }
}

export { placeInsurer }
