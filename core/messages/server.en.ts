import type { ServerMessageKey } from '../i18n.ts'

/** English of what only the server says (server.ja.ts). */
export const serverEn: Record<ServerMessageKey, string> = {
  // API error answers (docs/api.md, `error.<code>`), in the language the request asked for.
  'error.validation': 'Some of the information entered is not valid. Please check each field.',
  'error.inquiry_limit': 'Too many inquiries have been sent. Please try again in about an hour.',
  'error.too_many_attempts':
    'Too many attempts. This is unavailable for a while; please try again later.',
  'error.invalid_staff_credentials':
    'The e-mail address, password or code is not correct. Each code works only once.',
  'error.passkey_refused':
    'The passkey could not be registered. Please try again (a passkey cannot be registered twice).',
  'error.invalid_credentials': 'The e-mail address or password is incorrect.',
  'error.link_expired': 'This URL has expired or has already been used.',
  'error.signup_password_required':
    'This URL was opened on a different device or browser from the one where you signed up. To complete your registration, enter the password you chose when you signed up.',
  'error.signup_password_wrong':
    'The password is not correct. Enter the password you chose when you signed up.',
  'error.invalid_code':
    'The confirmation code is incorrect. Please check the 6-digit number in the e-mail.',
  'error.code_expired':
    'The confirmation code has expired or has been tried too many times. Please have the provisional registration e-mail sent again.',
  'error.unauthenticated': 'Your session has expired. Please log in again.',
  'error.csrf': 'The request could not be processed. Please reload the page and try again.',
  'error.payload_too_large': 'The data sent is too large. Please check what you entered.',
  'error.unsupported_media_type': 'This type of request is not supported.',
  'error.not_found': 'The page you are looking for was not found.',
  'error.internal': 'A system error occurred. Please try again later.',
  'error.method_not_allowed': 'This operation is not supported.',
  'error.service_unavailable':
    'The service is unavailable right now. Please try again in a moment.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.conflict': 'It already exists.',
  'error.roster_header':
    'The roster header row is not right: a required column is missing or a column is unknown.',
  'error.card_not_found':
    'We could not confirm your eligibility with the card details you entered.',
  'error.card_already_linked':
    'This insurance card is already registered with another e-mail address.',
  'error.account_already_linked': 'This account already has an insurance card registered.',
  'error.qualification_ended': 'This card’s coverage has ended, so it can no longer be registered.',
  'error.card_restricted':
    'Your health insurance society’s rules do not allow you to use the service.',
  'error.insurer_maintenance':
    'Your health insurance society is under maintenance. Please try again later.',
  'error.card_too_many_attempts':
    'You have reached the limit of card checks (5 in 24 hours). Please contact support.',
  'error.not_linked': 'Register your insurance card first.',
  'error.invalid_viewing_code':
    'The viewing code is not right. Please check the code on your postcard.',
  'error.no_viewing_code': 'No viewing code has been issued for you. Please contact support.',
  'error.batch_too_many_rejections':
    'This batch has too many rejections to record, so nothing of it was imported. Fix the file (its columns or formats) and import it again, or with the command line send fewer rows at a time with --batch.',
  'error.wrong_state': 'This step is not available now. Please reload the page.',
  'error.wrong_answer': 'The answer is not right. Upper and lower case letters differ.',
  'error.step_up_required': 'Please confirm your identity to see checkup results.',
  'error.checkup_not_found': 'There is no checkup result for this date.',

  'roster.row.too_many_fields':
    'The row has more columns than the header (check for a "," inside a value).',
  'roster.person_key.required': 'The person key is missing.',
  'roster.person_key.too_long': 'The person key must be 64 characters or fewer.',
  'roster.insurer_number.required': 'The insurer number is missing.',
  'roster.insurer_number.invalid':
    'The insurer number is not valid (6 or 8 digits, including the check digit).',
  'roster.insurer_number.mismatch': "The insurer number is not the importing insurer's.",
  'roster.symbol.too_long': 'The symbol must be 20 characters or fewer.',
  'roster.number.required': 'The number is missing.',
  'roster.number.too_long': 'The number must be 20 characters or fewer.',
  'roster.number.exponent':
    'The number is in scientific notation (e.g. 1.23E+11); a spreadsheet may convert it on saving.',
  'roster.branch.invalid': 'The branch number must be at most 2 digits.',
  'roster.name_kana.required': 'The name (kana) is missing.',
  'roster.name_kana.too_long': 'The name (kana) must be 64 characters or fewer.',
  'roster.name_kana.katakana':
    'The name (kana) must be full-width katakana (a space between family and given name).',
  'roster.birth_date.required': 'The date of birth is missing.',
  'roster.birth_date.invalid': 'The date of birth is not a valid date (YYYY-MM-DD).',
  'roster.sex.invalid': 'Sex must be 1 (male) or 2 (female).',
  'roster.relationship.invalid': 'Relationship must be 1 (insured person) or 2 (dependent).',
  'roster.valid_from.invalid': 'The qualification start date is not a valid date (YYYY-MM-DD).',
  'roster.valid_to.invalid': 'The qualification end date is not a valid date (YYYY-MM-DD).',
  'roster.valid_to.before_valid_from':
    'The qualification end date is before the qualification start date.',
  'roster.postal_code.invalid': 'The postal code is not valid (NNN-NNNN).',
  'roster.address.too_long': 'The address must be 200 characters or fewer.',
  'roster.person_key.duplicate':
    'The same person key appears twice in one batch (the later line was kept).',
  'ops.insurer.number': 'The insurer number is not valid (6 or 8 digits with its check digit).',
  'ops.insurer.name': 'The name must be 1 to 100 characters.',
  'ops.insurer.flag': 'Give on or off.',
  'ops.insurer.age': 'The age must be a whole number from 0 to 120.',
  'ops.insurer.cidr': 'An IP range (CIDR) is not valid.',
  'ops.insurer.limit': 'The failure limit must be a whole number from 1 to 1000.',
  'ops.roster.header': 'The header row is missing.',
  'ops.roster.rows': 'A batch holds 1 to 2000 rows.',
  'checkup.date.invalid': 'The date is not valid (YYYY-MM-DD).',
  'checkup.code.invalid': 'An item code has 17 letters and digits.',
  'checkup.results.empty': 'The checkup has no results.',
  'checkup.results.too_large':
    'The results are too large to store (about 1.5 MB at most for one checkup).',
  'checkup.person_not_found':
    'No one on the roster matches (the person key, or the card and date of birth).',
  'checkup.value.number': 'A numeric item has a value that is not a number.',
  'checkup.value.required': 'A result has no value (write 未実施 for an item not performed).',
  'checkup.unit.mismatch': 'The unit differs from the item’s unit.',
  'checkup.answer.invalid': 'A coded item’s value is not one of its answers.',
  // アカウント設定 (issue 12)
  'error.wrong_password': 'The current password is not correct.',
  'error.email_taken':
    'This address is used by another account, so it could not be changed. Please start the change again with another address.',
  'error.password_tries_exceeded':
    'The current password was wrong too many times, so it is not accepted for now. Please try again in about an hour.',
  // パスキー (issue 12)
  'error.passkey_reauth_required':
    'You logged in more than 10 minutes ago: to add a passkey, please enter your password again.',
  'error.passkey_password_wrong': 'The password is incorrect.',
  'error.passkey_login_failed':
    'Logging in with the passkey did not work. Please try again, or log in with your e-mail address and password.',
  'error.passkey_step_up_failed':
    'The passkey could not confirm it is you. Please try again, or answer your secret question.',
  'error.no_passkey': 'You have no passkey.',
  // お知らせ and Web Push (issue 12)
  'error.push_endpoint_not_allowed':
    'This notification service is not supported, so notifications cannot be used in this browser.',
  'error.push_subscriptions_full':
    'Notifications can go to at most 10 devices. Turn them off on a device you no longer use, then try again.',
  'field.endpoint.invalid': 'The notification address is not valid.',
  'field.keys.invalid': 'The notification keys are not valid.',
  'field.mail.invalid': 'Choose whether to receive notices by e-mail.',
  'ops.imports.rejected_csv_header': 'line,column,reason,code',
  'ops.imports.checkup_rejected_csv_header': 'ref,line,column or item,reason,code',
  'ops.insurer.maintenance_message': 'The maintenance message can be at most 500 characters.',
  'ops.insurer.maintenance_until':
    'Give the planned end as a date and time (e.g. 2026-12-24T18:00+09:00).',
  // issue 14, operator
  'error.checkups_span_databases':
    'This batch holds checkups of fiscal years kept in different databases, so nothing of it was imported. Send them in batches of one fiscal year (April to March) each.',
  'ops.insurer.database': 'The database name is up to 40 lower-case letters, digits, - and _.',
  'error.unknown_database': 'There is no such database taking insurers. Check its name.',
  // issue 14, F
  'error.insurer_busy': 'The data is being moved right now. Try again in a moment.',
  'ops.shards.database':
    'The database name is not valid (lower-case letters, digits, _ and -, at most 40).',
  'ops.shards.from_fy': 'The fiscal year must be a whole number from 1990 to 2200.',
  // issue 14, I
  'error.database_exists': 'A database with that name is already registered.',
  'error.database_unreachable':
    'The Worker cannot open that database ({binding}). Add it to wrangler.toml (or check its URL and token) and deploy first.',
  'error.database_not_migrated':
    'That database is not migrated to the newest insurer migration. Migrate it first (docs/scale.md, adding an insurer), then try again.',
  'ops.shards.new_database':
    'The database name is a lower-case letter, then 1 to 30 lower-case letters, digits or _.',
  'ops.shards.kind': 'The kind is d1 or libsql.',
  'ops.shards.url':
    'A libsql database needs a libsql://, https:// or http:// URL; a d1 one takes none.',
}
