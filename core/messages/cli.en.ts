import type { cliJa } from './cli.ja.ts'

/** The command line's messages in English (`--lang en` or LANG=en*), exactly the keys of cli.ja.ts. */
export const cliEn: Record<keyof typeof cliJa, string> = {
  unknown_command: 'Unknown command: {command}',
  unknown_flag: 'Unknown option: {flag}',
  flag_needs_value: 'Option {flag} needs a value',
  flag_takes_no_value: 'Option {flag} takes no value',
  unexpected_argument: 'Unexpected argument: {arg}',
  missing_argument: 'Missing {what}',
  missing_flag: 'Missing option {flag}',
  bad_flag_value: 'Bad value for {flag}: {value} (expected {expected})',
  flag_too_long: '{flag} is too long: {length} characters (at most {max})',
  nothing_to_change: 'Give at least one setting to change (--name, --insured-only, …)',
  see_help: 'Usage: npm run ops -- {command}--help',
  arg_file: 'the file',
  arg_number: 'the insurer number',
  arg_email: 'the e-mail address',
  as_needs_dev_token:
    '--as only applies to the development tokens (.wrangler/state/dev-ops-tokens.json)',
  bad_url: 'Bad URL: {url}',

  no_token: 'No token. Give --token or set KENSHIN_TOKEN',
  no_dev_token:
    'No token: could not read {file} ({reason}). Start the dev server with npm start, or give --token',
  dev_token_missing_role: '{file} has no {role} token',
  plain_http_warning: 'Warning: {url} is plain http; the token is sent unencrypted',
  dev_local_only: 'dev commands work only against a local development server: {url}',
  dev_totp_unknown:
    '{email} is not a development staff member (see the development log-ins in the README)',
  unreachable: 'Cannot reach the server: {url} ({detail})',
  timeout: 'The server did not answer within {seconds} s: {url}',
  unauthenticated: 'The token was refused (HTTP 401); check it',
  unauthenticated_dev:
    'The development token was refused (HTTP 401); npm start makes new tokens each time it starts',
  forbidden: 'Not allowed (HTTP 403): {message}',
  not_found: 'Not found (HTTP 404): {message}',
  api_error: 'The server answered with an error (HTTP {status} {code}): {message}',
  bad_response: 'Unexpected answer from the server (HTTP {status}, {contentType})',
  too_large: 'The server refused the request as too large (HTTP 413); use a smaller --batch',

  file_is_directory: 'Not a file but a folder: {file}',

  import_start: 'Importing {file} ({size}, {encoding}) into insurer {insurer}',
  import_as: 'Server {url} ({name}, {role})',
  import_progress_line: 'Importing: {rows} rows ({percent}), {rate} rows/s',
  import_interrupted: 'Interrupted. Run the same command again: nothing is lost or duplicated',
  import_interrupting:
    'Stopping (waiting for the batches in flight)… press Ctrl-C again to quit at once',
  import_resume_hint:
    'Rows already imported stay. Fix the cause and run the same command again to import the rest',
  report_failed: 'The import stopped before the end',
  rows_unit: 'rows',
  seconds: '{s} s',
  minutes: '{m} min {s} s',

  documents_unit: 'documents',
  checkup_progress_line: 'Importing: {rows} documents ({percent}), {rate} documents/s',

  codes_out_exists:
    '{file} already exists. It may hold the only copy of viewing codes, so it is not overwritten: give another file name, or --force once you are sure it is not needed',
  codes_start:
    'Issuing viewing codes for insurer {insurer} ({total} persons without one). Print file: {file}',
  codes_reissue_start:
    'Re-issuing viewing codes to {total} persons of insurer {insurer} (their old codes stop working). Print file: {file}',
  codes_progress_line: 'Issuing: {done} / {total} codes ({percent}), {rate} codes/s',
  codes_interrupting:
    'Stopping (waiting for the codes being issued to be written to the file)… press Ctrl-C again to quit at once (those codes are then lost and need a re-issue)',
  codes_interrupted: 'Interrupted ({count} codes written)',
  codes_report_title: 'Viewing codes issued for insurer {insurer}',
  codes_report_reissue_title: 'Viewing codes re-issued for insurer {insurer}',
  codes_report_issued: 'Codes issued',
  codes_report_reissued: 'Codes re-issued',
  codes_report_rate: '{rate} codes/s',
  codes_report_file: 'Print file: {file}',
  codes_keep_file:
    'This file holds the only copy of the codes (the server keeps only a hash). Keep it safe until the postcards are printed',
  codes_report_none: 'Everyone already has a viewing code; no file was created or changed',
  codes_report_none_reissued: 'Nobody was re-issued a code; no file was created or changed',
  codes_not_found: 'Not on the roster (nothing re-issued): {keys}',
  codes_status_title: 'Viewing codes of insurer {insurer}',
  codes_status_issued: 'Issued (live codes)',
  codes_status_used: 'of them used',
  codes_status_locked: 'of them locked',
  codes_status_without: 'Persons without a code',
  expected_person_key: 'a person key of 1 to 64 characters',

  insurer_number: 'Number',
  insurer_name: 'Name',
  insurer_eligible: 'Who may use it',
  insurer_eligible_insured_only: 'insured only',
  insurer_eligible_all: 'insured and dependents',
  insurer_eligible_age: 'insured and dependents up to {age}',
  insurer_maintenance: 'Maintenance',
  insurer_maintenance_message: 'Maintenance message',
  insurer_maintenance_message_default: '(the standard words)',
  insurer_maintenance_until: 'Maintenance ends',
  insurer_maintenance_until_none: 'none',
  insurer_japan_time: '{at} (Japan time)',
  insurer_cidrs: 'Allowed IP ranges',
  insurer_cidrs_none: 'none',
  insurer_failure_limit: 'Failure limit',
  on: 'on',
  off: 'off',
  insurer_created: 'Insurer {number} created',
  insurer_updated: 'Insurer {number} updated',
  insurer_list_empty: 'No insurers',

  whoami_name: 'Name',
  whoami_role: 'Role',
  whoami_insurer: 'Insurer',
  whoami_insurer_all: 'all',
  whoami_url: 'Server',

  internal_error: 'Internal error: {message} (KENSHIN_DEBUG=1 shows details)',
  expected_integer: 'an integer of 0 or more',
  expected_batch: 'an integer from 1 to 2000',
  expected_failure_limit: 'an integer from 1 to 1000',
  expected_checkup_batch: 'an integer from 1 to 500',
  expected_on_off: 'on or off',
  expected_int_or_none: 'an integer of 0 or more, or none',
  expected_datetime_or_none:
    'a date and time with its offset, e.g. 2026-12-24T18:00+09:00, or none',
  expected_insurer_number: '6 or 8 digits',
  expected_role: 'admin or operator',
  expected_lang: 'ja or en',
  codes_run_confirmed:
    'The {count} viewing codes of this file are confirmed (usable once the postcards arrive)',
  codes_run_revoked_write:
    'The file could not be written, so every code of this run was made void and the file removed. Those persons are back in the re-issue queue. Fix the cause and run codes issue again',
  codes_run_revoked_lost:
    'An answer was lost, so every code of this run was made void and the file removed. Those persons are back in the re-issue queue. Run codes issue again',
  codes_run_revoked_count:
    'The server held codes of this run that are not in the file (from a request that failed part-way), so every code of this run was made void and the file removed. Those persons are back in the re-issue queue. Run codes issue again',
  codes_confirm_failed:
    'The print file {file} could not be confirmed. Its codes stay unconfirmed and are made void after 30 minutes, their persons back in the re-issue queue. Do not print this file: check with codes status, then run codes issue again',
  codes_status_not_printed: 'Not printed (awaiting confirmation)',
  codes_status_queue: 'of them awaiting re-issue',
  codes_status_never: 'of them never issued',
  // issue 14, operator
  expected_database: 'a database name of up to 40 lower-case letters, digits, - and _',
  // issue 14, compact
  checkups_compact_database:
    '{database}: {scanned} checked, {converted} rewritten, {compact} already compact, {kept} left as they are, {changed} imported again meanwhile (next run)',
  checkups_compact_done:
    'Checked {scanned} checkups in {databases} databases and rewrote {converted} ({compact} already compact, {kept} left as they are, {changed} imported again meanwhile: next run)',
  // issue 14, F
  expected_fiscal_year: 'a fiscal year (1990–2200)',
  shards_progress: '{phase} · {step} {table} · {copied} rows copied · {replayed} changes replayed',
  shards_switched:
    'Insurer {insurer} now reads and writes in {target}. The old copy in {source} stays read-only until you run shards confirm --insurer {insurer} (after a minute at least: every server has the new map by then)',
  shards_aborted:
    'The move of insurer {insurer} was aborted: {source} takes its writes again, and the copy in {target} is gone',
  shards_confirmed: 'Confirmed: the old copy of insurer {insurer} in {source} is gone',
  shards_move_id: 'Move',
  shards_insurer: 'Insurer',
  shards_range: 'Fiscal years',
  shards_source: 'From',
  shards_target: 'To',
  shards_phase: 'Phase',
  shards_copied: 'Rows copied',
  shards_replayed: 'Changes replayed',
  shards_table: 'Table',
  shards_checksum: 'Checksum',
  shards_database: 'Database',
  shards_kind: 'Kind',
  shards_state: 'State',
  shards_epoch: 'Epoch',
  shards_started: 'Started',
  // issue 14, I
  shards_database_added:
    'Registered database {name} ({kind}), active. Put new insurers in it with insurer add --database {name}, or move one there with shards move --to {name}',
  expected_new_database: 'a lower-case letter, then 1 to 30 lower-case letters, digits or _',
  expected_database_kind: 'd1 or libsql',
  expected_database_url: 'a libsql://, https:// or http:// URL (libsql only; d1 takes none)',
}
