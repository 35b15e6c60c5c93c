/**
 * Every command and command group of `npm run ops`, as ./main.ts dispatches them. A new command is a file
 * in this folder (options, help, run, report; its test beside it) and a line here.
 */
import type { CliMessageKey } from '../i18n.ts'
import type { Command } from '../command.ts'
import checkupsImport from './checkups-import.ts'
import codesIssue from './codes-issue.ts'
import codesReissue from './codes-reissue.ts'
import codesStatus from './codes-status.ts'
import devTotp from './dev-totp.ts'
import insurerCreate from './insurer-create.ts'
import insurerList from './insurer-list.ts'
import insurerSet from './insurer-set.ts'
import rosterImport from './roster-import.ts'
import staffBootstrap from './staff-bootstrap.ts'
import whoami from './whoami.ts'
// issue 14, compact
import checkupsCompact from './checkups-compact.ts'
// issue 14, F
import shardsAbort from './shards-abort.ts'
import shardsAddDatabase from './shards-add-database.ts'
import shardsConfirm from './shards-confirm.ts'
import shardsList from './shards-list.ts'
import shardsMove from './shards-move.ts'
import shardsStatus from './shards-status.ts'

export const COMMANDS: Record<string, Command> = Object.fromEntries(
  [
    whoami,
    insurerList,
    insurerCreate,
    insurerSet,
    rosterImport,
    checkupsImport,
    codesIssue,
    codesReissue,
    codesStatus,
    devTotp,
    staffBootstrap,
    checkupsCompact,
    // issue 14, F
    shardsList,
    shardsAddDatabase,
    shardsMove,
    shardsStatus,
    shardsConfirm,
    shardsAbort,
  ].map((c) => [c.name, c]),
)

/** The groups of commands ('insurer', 'codes'), with the help shown for the group alone. */
export const GROUPS: Record<string, CliMessageKey> = {
  insurer: 'help_insurer',
  roster: 'help_roster',
  checkups: 'help_checkups',
  codes: 'help_codes',
  dev: 'help_dev',
  staff: 'help_staff',
  // issue 14, F
  shards: 'help_shards',
}
