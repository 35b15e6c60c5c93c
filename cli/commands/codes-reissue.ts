/**
 * `codes reissue`: a new viewing code for each person named (--person), the old one dead, written to the
 * print file (../codes-command.ts, ../viewing-codes.ts).
 */
import { runCodes } from '../codes-command.ts'
import { defineCommand } from '../command.ts'

export default defineCommand({
  name: 'codes reissue',
  help: 'help_codes_reissue',
  options: {
    insurer: { type: 'string' },
    person: { type: 'string', multiple: true },
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  positionals: [],
  run: (ctx) => runCodes(ctx, 'codes reissue'),
})
