/**
 * `codes issue`: a viewing code for everyone on the insurer's roster who has none, written to the postcards'
 * print file (--out) as each answer arrives (../codes-command.ts, ../viewing-codes.ts).
 */
import { runCodes } from '../codes-command.ts'
import { defineCommand } from '../command.ts'

export default defineCommand({
  name: 'codes issue',
  help: 'help_codes_issue',
  options: { insurer: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  positionals: [],
  run: (ctx) => runCodes(ctx, 'codes issue'),
})
