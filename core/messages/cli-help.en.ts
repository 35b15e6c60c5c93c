import type { cliHelpJa } from './cli-help.ja.ts'

/** The command line's help texts in English, exactly the keys of cli-help.ja.ts. */
export const cliHelpEn: Record<keyof typeof cliHelpJa, string> = {
  help_main: `Kenshin Portal operator command line

Usage: npm run ops -- <command> [options]

Commands:
  whoami                   Show who the token belongs to
  insurer list             List insurers
  insurer create           Create an insurer (admin)
  insurer set <number>     Change an insurer's settings
  roster import <file>     Import a roster CSV
  checkups import <file>   Import checkup results (CSV, XML or zip)
  codes issue              Issue viewing codes and write the postcards' print file
  codes reissue            Re-issue viewing codes to named persons
  codes status             Viewing codes issued, used, locked
  dev totp <email>         A development staff member's current code (dev server only)
  staff bootstrap          Create the first platform admin

Options for every command:
  --url <url>              Server (default: KENSHIN_URL, else http://localhost:8787)
  --token <token>          API token (default: KENSHIN_TOKEN)
  --as admin|operator      Which development token to use against a local dev server (default: admin)
  --lang ja|en             Language (default Japanese; English when LANG starts with en)
  --json                   Print the result as JSON
  -q, --quiet              No progress and no report (errors are still shown)
  -h, --help               Show help

Against a local dev server (http://localhost:8787 …) no token is needed: the command reads
.wrangler/state/dev-ops-tokens.json written by npm start (path: KENSHIN_DEV_TOKENS).

Examples:
  npm run ops -- whoami
  npm run ops -- insurer list
  npm run ops -- roster import --insurer 06139992 roster.csv
  npm run ops -- checkups import --insurer 06139992 checkups.zip
  npm run ops -- codes issue --insurer 06139992 --out postcards-2026.csv
  KENSHIN_URL=https://kenshin.example KENSHIN_TOKEN=… npm run ops -- insurer list --json`,

  help_whoami: `Usage: npm run ops -- whoami [--json]

Shows the token's owner (name, role, insurer) and the server.

Examples:
  npm run ops -- whoami
  npm run ops -- whoami --as operator`,

  help_insurer: `Usage: npm run ops -- insurer <list|create|set> [options]

  insurer list              List insurers (an operator sees their own)
  insurer create …          Create an insurer (admin)
  insurer set <number> …    Change an insurer's settings

More: npm run ops -- insurer <subcommand> --help`,

  help_insurer_list: `Usage: npm run ops -- insurer list [--json]

Lists insurers as a table; --json prints the API's JSON.

Examples:
  npm run ops -- insurer list
  npm run ops -- insurer list --json`,

  help_insurer_create: `Usage: npm run ops -- insurer create --number <number> --name <name> [options]

Creates an insurer (admin only).

  --number <number>           Insurer number (8 digits, 6 for municipal plans; the server checks the check digit)
  --name <name>               Name
  --insured-only              Only insured persons may use the service
  --dependent-max-age <age>   Dependents may use it up to this age
  --maintenance               Create it in maintenance
  --database <name>           The insurer database to place it in (default: the active one holding the fewest insurers)
  --cidr <range,…>            Allowed IP ranges: no captcha for members there (CIDR, comma-separated or
                              repeated; none wider than /16 for IPv4 or /32 for IPv6)
  --failure-limit <count>     Failures from the allowed ranges in an hour before the captcha comes back
                              (1–1000, default 20)
  --json                      Print the new insurer as JSON

Only platform admins may give --cidr and --failure-limit (every change is audited).

Examples:
  npm run ops -- insurer create --number 06139992 --name 'デモ健康保険組合'
  npm run ops -- insurer create --number 06139992 --name 'デモ健康保険組合' --dependent-max-age 18 \\
      --cidr 203.0.113.0/24,2001:db8::/32 --failure-limit 20`,

  help_insurer_set: `Usage: npm run ops -- insurer set <number> [options]

Changes an insurer's settings; only the given ones change.

  --name <name>                      Name
  --insured-only on|off              Only insured persons may use the service
  --dependent-max-age <age>|none     Age limit for dependents (none: no limit)
  --maintenance on|off               Maintenance
  --maintenance-message <text>       What members are shown during maintenance (at most 500 characters;
                                     '' for the standard words)
  --maintenance-until <time>|none    When maintenance is planned to end, with its offset, e.g.
                                     2026-12-24T18:00+09:00 (members see it in Japan time; none or '' clears it)
  --cidr <range,…>|none              Replace the allowed IP ranges (none: no range; at most /16 IPv4, /32 IPv6)
  --failure-limit <count>            Failures from the allowed ranges in an hour before the captcha (1–1000)
  --json                             Print the insurer as JSON

Only platform admins may change --cidr and --failure-limit (an operator gets 403; every change is audited).

Examples:
  npm run ops -- insurer set 06139992 --maintenance on --maintenance-until 2026-12-24T18:00+09:00 \\
      --maintenance-message '12月24日18時まで、システムの点検のためご利用いただけません'
  npm run ops -- insurer set 06139992 --maintenance off --maintenance-until none --maintenance-message ''
  npm run ops -- insurer set 06139992 --dependent-max-age none --cidr none`,

  help_roster: `Usage: npm run ops -- roster import --insurer <number> <file>

More: npm run ops -- roster import --help`,

  help_roster_import: `Usage: npm run ops -- roster import --insurer <number> [--batch <rows>] <file>

Imports a roster CSV (upsert by person_key; importing the same file again changes nothing).

  --insurer <number>   Insurer to import into
  --batch <rows>       Rows per request (1–2000, default 1000)
  --json               Print the result as JSON
  -q, --quiet          No progress and no report (errors are still shown; same exit codes)

The file: UTF-8 (with or without BOM) or Shift_JIS, detected; LF or CRLF; a header row (Japanese or English).
It is read as a stream, so a million rows take constant memory. Rejected rows (wrong column count, invalid
values …) are shown with their line and all written to <file>.rejected.csv (UTF-8 with BOM); the other rows
are imported. An interrupted import is finished by running the same command again.

Exit codes: 0 the import ran (even with rejected rows), 1 it could not (server, permission, file), 2 usage

Examples:
  npm run ops -- roster import --insurer 06139992 roster.csv
  npm run ops -- roster import --insurer 06139992 --batch 500 roster-2026.csv`,

  help_checkups: `Usage: npm run ops -- checkups import --insurer <number> <file>

More: npm run ops -- checkups import --help`,

  help_checkups_import: `Usage: npm run ops -- checkups import --insurer <number> [--batch <count>] <file>

Imports checkup results. The file is one of (told by its extension, else by its content):
  a checkup CSV (.csv)       one item a row; people matched by person_key
  a checkup data file (.xml) one DATA/h….xml; people matched by card (symbol, number, branch) and birth date
  a zip archive (.zip)       every DATA/h….xml in it (index, summary, claims and XSD are skipped)

  --insurer <number>   Insurer to import into
  --batch <count>      Checkups per request (1–500, default 200)
  --json               Print the result as JSON
  -q, --quiet          No progress and no report (errors are still shown; same exit codes)

Import the roster first (a checkup of someone not on it is rejected). A checkup replaces the stored one of the
same person and exam date whole; importing the same file again changes nothing. A checkup with any bad result
is rejected whole, and a CSV checkup with a rejected row is not sent (it would replace a stored checkup with an
incomplete one). Rejections are shown with their line, file and item code and all written to
<file>.rejected.csv (UTF-8 with BOM). An interrupted import is finished by running the same command again.

Exit codes: 0 the import ran (even with rejected checkups), 1 it could not (server, permission, file), 2 usage,
130 interrupted

Examples:
  npm run ops -- checkups import --insurer 06139992 checkups.csv
  npm run ops -- checkups import --insurer 06139992 1310000001_06139992_202606101_1.zip`,
  help_codes: `Usage: npm run ops -- codes <issue|reissue|status> --insurer <number> [options]

  codes issue --out <file> …          Issue a code to everyone without one; write the print file
  codes reissue --person <key> …      Re-issue to named persons (their old codes stop working)
  codes status                        Codes issued, used, locked; persons without one

More: npm run ops -- codes <subcommand> --help`,

  help_dev: `Usage: npm run ops -- dev totp <email>

  dev totp <email>    The current 6-digit code of a development staff member (README)`,

  help_dev_totp: `Usage: npm run ops -- dev totp <email> [--url <url>] [--json]

Prints the current TOTP code (6 digits) of a development staff member (the README's development log-ins),
by the development server's clock, for the code field of the staff log-in (http://localhost:8787/staff).
Works only against a local development server.

Example:
  npm run ops -- dev totp support@staff.kenshin.example`,

  help_codes_issue: `Usage: npm run ops -- codes issue --insurer <number> --out <file> [--force]

Issues a viewing code (健診閲覧コード) to every roster person without one and writes the postcards' print file.

  --insurer <number>   Insurer
  --out <file>         The print file (CSV, UTF-8 with BOM; opens in Excel)
  --force              Overwrite an existing --out file (only when codes are issued)
  --json               Print the result as JSON (never the codes themselves)
  -q, --quiet          No progress and no report (errors are still shown; same exit codes)

Codes are issued 50 a request until nobody is left (about 0.1–0.3 s a code).
Columns: 個人識別番号, 保険者番号, 記号, 番号, 枝番, 氏名カナ, 郵便番号, 住所, 健診閲覧コード, 発行日 (Japan time).

Important: the codes exist only in this file (the server keeps only a hash). Each answer is written to it as
it arrives, and the run is confirmed once the file is closed (until then its codes cannot be used); stopping
midway confirms the codes written. If the file cannot be written or an answer is lost, every code of the run
is made void and the file removed (those persons go back to the re-issue queue).
Keep the file until the postcards are printed. That is why an existing
file is not overwritten without --force: to issue the rest, give another --out. Do not run two at once for
the same insurer.

Exit codes: 0 done, 1 failed (server, permission, file), 2 usage, 130 interrupted

Examples:
  npm run ops -- codes issue --insurer 06139992 --out postcards-2026.csv`,

  help_codes_reissue: `Usage: npm run ops -- codes reissue --insurer <number> --person <person_key> [--person …] --out <file> [--force]

Re-issues viewing codes to the named persons (their old codes stop working) and writes the print file: for a
lost postcard, a locked code …

  --insurer <number>        Insurer
  --person <person_key>     A person to re-issue to (repeat, or separate with commas)
  --out <file>              The print file (the same format as codes issue)
  --force                   Overwrite an existing --out file
  --json                    Print the result as JSON (never the codes themselves)
  -q, --quiet               No progress and no report

Person keys not on the roster are listed (notFound in JSON); the others are re-issued all the same (exit 0).
The codes exist only in this file: keep it until the postcards are printed.

Exit codes: 0 done, 1 failed (server, permission, file), 2 usage, 130 interrupted

Examples:
  npm run ops -- codes reissue --insurer 06139992 --person D0000 --out reissue-D0000.csv`,

  help_codes_status: `Usage: npm run ops -- codes status --insurer <number> [--json]

Shows the insurer's viewing codes: live codes (of them used, locked) and persons without one.

Examples:
  npm run ops -- codes status --insurer 06139992
  npm run ops -- codes status --insurer 06139992 --json`,

  help_staff: `Usage: npm run ops -- staff <bootstrap> [options]

  staff bootstrap --email <address> --name <name>   Create the first platform admin

More: npm run ops -- staff <subcommand> --help`,

  help_staff_bootstrap: `Usage: KENSHIN_BOOTSTRAP_SECRET=… npm run ops -- staff bootstrap --email <address> --name <name> [--url <URL>]

Creates the first platform admin and mails them an invitation (set a password and an authenticator app;
valid 7 days). Works only while there is no platform admin. No API token is needed.

The bootstrap secret is read from the environment variable KENSHIN_BOOTSTRAP_SECRET (the Worker's
STAFF_BOOTSTRAP_SECRET); it cannot be given as a flag, which would stay in the shell history.

  --email <address>   The admin's e-mail address (log-in ID)
  --name <name>       The admin's name
  --url <URL>         Server (default: KENSHIN_URL, else http://localhost:8787)
  --json              Print the result as JSON

Example:
  KENSHIN_BOOTSTRAP_SECRET=… npm run ops -- staff bootstrap --url https://kenshin.example --email admin@example.jp --name "Taro Kanri"`,

  staff_bootstrap_no_secret:
    'Set the bootstrap secret in the environment variable KENSHIN_BOOTSTRAP_SECRET',
  staff_bootstrap_unreachable: 'Could not reach {url} ({reason})',
  staff_bootstrap_done: 'The platform admin was created. An invitation was mailed to {email}.',
  staff_bootstrap_exists:
    'A platform admin exists already. Invite more staff from the console (Staff).',
  staff_bootstrap_off: 'The server has no STAFF_BOOTSTRAP_SECRET',
  staff_bootstrap_refused: 'The bootstrap secret does not match',
  staff_bootstrap_failed: 'Could not create it (HTTP {status}): {message}',
  // issue 14, compact
  help_checkups_compact: `Usage: npm run ops -- checkups compact [--insurer <number>] [--json]

Rewrites checkups stored in the earlier form (JSON) into the compact stored form (platform admins only).
Goes through each insurer database 100 rows at a time, in row order. A row is rewritten only if it still
holds what was read: a checkup imported again meanwhile is left as the import wrote it. Stopped half-way,
run it again to convert the rest; rows already converted are not touched. What screens and the API show
does not change.

  --insurer <number>   Only this insurer's checkups (only the databases holding them)
  --json               Print the result as JSON`,
  // issue 14, F
  help_shards: `Usage: npm run ops -- shards <list|add-database|move|status|confirm|abort> [options]

  shards list                                   The insurer databases, the shard map and the latest moves
  shards add-database --name <db> --kind <k>    Registers a new insurer database (d1, or libsql with --database-url)
  shards move --insurer <number> --to <db>      Moves an insurer to another database (--from-fy N: its checkups from fiscal year N on)
  shards status --insurer <number>              Where the insurer's newest move stands
  shards confirm --insurer <number>             Drops the old copy of a switched move
  shards abort --insurer <number>               Aborts a move before its switch`,
  help_shards_list: `Usage: npm run ops -- shards list [--json]

The insurer databases, which database holds each insurer (and each range of fiscal years), and the latest moves. Platform admins only.`,
  help_shards_add_database: `Usage: npm run ops -- shards add-database --name <database> --kind d1|libsql [--database-url <url>] [--json]

Registers a new insurer database in the directory, active, once the Worker can open it. Platform admins only. Create it first (wrangler d1 create, or a libSQL server), migrate it (npm run db:migrate), and for D1 add its binding DB_<NAME> to wrangler.toml and deploy; for libSQL set its token LIBSQL_TOKEN_<NAME> (else LIBSQL_AUTH_TOKEN) as a secret.

  --name <database>        A lower-case letter, then 1 to 30 lower-case letters, digits or _ (D1 binding DB_<NAME>)
  --kind d1|libsql         Cloudflare D1, or libSQL (sqld, Turso)
  --database-url <url>     libsql only: its libsql://, https:// or http:// URL (--url is the operator API's address)`,
  help_shards_move: `Usage: npm run ops -- shards move --insurer <number> --to <database> [--from-fy <year>] [--json]

Copies the insurer's data to the database in pages while the old copy serves, holds the insurer's writes for a moment (the apps retry them), catches up, verifies counts and checksums of every table, and switches the shard map. The old copy stays read-only until shards confirm. Run it again after a stop: it resumes where it was.

  --from-fy <year>   Move only the checkups of this fiscal year (April–March) and later: a split by years`,
  help_shards_status: `Usage: npm run ops -- shards status --insurer <number> [--json]

The phase of the insurer's newest move, and its report (rows and checksum of each table on both sides).`,
  help_shards_confirm: `Usage: npm run ops -- shards confirm --insurer <number> [--json]

Drops the old copy of a switched move, a page at a time, and its triggers. Run it a minute or more after the switch.`,
  help_shards_abort: `Usage: npm run ops -- shards abort --insurer <number> [--json]

Aborts a move before its switch: the old copy takes the insurer's writes again and the new copy is dropped.`,
}
