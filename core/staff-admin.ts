/**
 * Request bodies of staff management, enrolment and platform administration (routes/ops.staff.ts,
 * ops.enrol.ts, ops.admin.ts), shared by the Worker (which validates) and the console (which shows the
 * same messages). Every message is a MessageKey, translated by `fieldErrors`.
 */
import * as v from 'valibot'
import { checkInsurerNumber } from './card.ts'
import { cidrProblem } from './ip.ts'
import { PASSWORD_MAX, PASSWORD_MESSAGES } from './password-rules.ts'
import { email } from './schemas.ts'
import { ReasonField, STAFF_ROLES, TotpCodeField } from './staff.ts'

/** An invitation or re-enrolment link lives 7 days and works once. */
export const STAFF_LINK_DAYS = 7

/** 団体連携コード: 8 characters of an alphabet without the look-alikes 0/O and 1/I (32 symbols). */
export const ORG_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const ORG_CODE_LENGTH = 8
/** A code as typed: spaces and hyphens dropped, upper-cased (it is printed in capitals). */
export const normalizeOrgCode = (raw: string) =>
  raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()
export const isOrgCodeShaped = (code: string) =>
  code.length === ORG_CODE_LENGTH && [...code].every((ch) => ORG_CODE_ALPHABET.includes(ch))

/** An allow-list request asks for at most this many ranges at once. */
export const MAX_REQUESTED_CIDRS = 20

const staffName = v.pipe(
  v.string('staff.admin.field.name'),
  v.trim(),
  v.nonEmpty('staff.admin.field.name'),
  v.maxLength(100, 'staff.admin.field.name'),
)

const role = v.picklist(STAFF_ROLES, 'staff.admin.field.role')

/** A 保険者番号 (6 or 8 digits with its check digit), as the 8-digit number. */
export const InsurerNumberField = v.pipe(
  v.string('ops.insurer.number'),
  v.maxLength(20, 'ops.insurer.number'),
  v.check((raw) => checkInsurerNumber(raw).ok, 'ops.insurer.number'),
  v.transform((raw) => {
    const checked = checkInsurerNumber(raw)
    return checked.ok ? checked.number : raw
  }),
)

export const StaffInviteBody = v.strictObject(
  {
    name: staffName,
    email: v.pipe(email, v.maxLength(254, 'field.email.too_long')),
    role,
    insurerNumber: v.optional(v.nullable(InsurerNumberField)),
  },
  'error.validation',
)

export const StaffUpdateBody = v.strictObject(
  {
    role: v.optional(role),
    /** null: no insurer (a platform admin, a portal-wide support agent). */
    insurerNumber: v.optional(v.nullable(InsurerNumberField)),
    disabled: v.optional(v.boolean('staff.admin.field.disabled')),
    reason: ReasonField,
  },
  'error.validation',
)

export const RESET_WHAT = ['second_factor', 'password', 'both'] as const
export const StaffResetBody = v.strictObject(
  { reason: ReasonField, what: v.picklist(RESET_WHAT, 'staff.admin.field.what') },
  'error.validation',
)

const linkToken = v.pipe(
  v.string('staff.admin.field.token'),
  v.nonEmpty('staff.admin.field.token'),
  v.maxLength(128, 'staff.admin.field.token'),
)

export const EnrolCheckBody = v.strictObject({ token: linkToken }, 'error.validation')

/** The password is checked against the policy by the Worker, which knows the address. */
export const EnrolCompleteBody = v.strictObject(
  {
    token: linkToken,
    password: v.optional(
      v.pipe(
        v.string(PASSWORD_MESSAGES.required),
        v.nonEmpty(PASSWORD_MESSAGES.required),
        v.maxLength(PASSWORD_MAX * 4, PASSWORD_MESSAGES.too_long),
      ),
    ),
    code: TotpCodeField,
  },
  'error.validation',
)

export const BootstrapBody = v.strictObject(
  {
    secret: v.pipe(
      v.string('staff.admin.field.secret'),
      v.nonEmpty('staff.admin.field.secret'),
      v.maxLength(256, 'staff.admin.field.secret'),
    ),
    name: staffName,
    email: v.pipe(email, v.maxLength(254, 'field.email.too_long')),
  },
  'error.validation',
)

const RequestedCidr = v.pipe(
  v.string('ops.insurer.cidr'),
  v.trim(),
  v.maxLength(64, 'ops.insurer.cidr'),
  v.check((cidr) => cidrProblem(cidr) === null, 'ops.insurer.cidr'),
)

export const AllowlistRequestBody = v.strictObject(
  {
    cidrs: v.pipe(
      v.array(RequestedCidr, 'staff.admin.field.cidrs'),
      v.minLength(1, 'staff.admin.field.cidrs'),
      v.maxLength(MAX_REQUESTED_CIDRS, 'staff.admin.field.cidrs'),
    ),
    note: v.pipe(
      v.string('staff.admin.field.note'),
      v.trim(),
      v.nonEmpty('staff.admin.field.note'),
      v.maxLength(500, 'staff.admin.field.note'),
    ),
  },
  'error.validation',
)

export const AllowlistDecisionBody = v.strictObject(
  {
    decision: v.picklist(['approve', 'refuse'], 'staff.admin.field.decision'),
    reason: ReasonField,
  },
  'error.validation',
)

export const OrgCodeIssueBody = v.strictObject(
  {
    insurerNumber: InsurerNumberField,
    organisation: v.pipe(
      v.string('staff.admin.field.organisation'),
      v.trim(),
      v.nonEmpty('staff.admin.field.organisation'),
      v.maxLength(100, 'staff.admin.field.organisation'),
    ),
  },
  'error.validation',
)

/** The base32 secret in groups of four, for typing into an authenticator by hand. */
export const groupSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ')

// Removing a member of staff (the insurer's staff screen)
/** A removal: its reason goes into the audit row. */
export const StaffRemoveBody = v.strictObject({ reason: ReasonField }, 'error.validation')
