import { createResource, createSignal, For, Show } from 'solid-js'
import { Loaded } from '../Loaded'
import { t, type MessageKey } from '../../../../core/i18n'
import { STAFF_ROLES, type StaffRole } from '../../../../core/staff'
import { Field, Form, SubmitButton } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { SelectField } from '../../../components/SelectField'
import { createFormErrors } from '../../../lib/form'
import { lang } from '../../../lib/i18n'
import { coreMsg, type Msg } from '../../../lib/messages'
import { staffApi, type StaffAnswer } from '../api'
import { staffMember } from '../session'
import { CheckboxField, when } from './parts'
import { s } from './strings'
import './admin.css'

type Row = StaffAnswer<'/api/ops/staff', '$get'>['staff'][number]
const roleName = (role: string) => t(lang(), `staff.role.${role}` as MessageKey)
const required = (value: string, key: MessageKey): Msg | undefined =>
  value.trim() === '' ? coreMsg(key) : undefined

/** The roles this staff member may give: everything for a platform admin, else their insurer's two. */
const givable = (): StaffRole[] =>
  staffMember()?.role === 'platform_admin' ? [...STAFF_ROLES] : ['insurer_admin', 'operator']

/** スタッフ: the list, the invitation form, and per person: role / insurer / disable, and reset. */
export default function StaffList() {
  const [rows, { refetch }] = createResource(async () => {
    const result = await staffApi('$get', '/api/ops/staff')
    if (!result.ok) throw new Error(result.error.message)
    return result.data.staff
  })
  const [notice, setNotice] = createSignal<string | null>(null)
  const [editing, setEditing] = createSignal<Row | null>(null)
  const [resetting, setResetting] = createSignal<Row | null>(null)
  const [removing, setRemoving] = createSignal<Row | null>(null)
  const isAdmin = () => staffMember()?.role === 'platform_admin'
  const ownNumber = () => staffMember()?.insurer?.number ?? ''
  const ownInsurer = () => {
    const own = staffMember()?.insurer
    return own ? s('insurerOf', { name: own.name, number: own.number }) : ''
  }
  /** Why a row has no buttons: it is the viewer, or someone above their role. */
  const whyFixed = (row: Row) =>
    row.id === staffMember()?.id ? s('notManageableSelf') : s('notManageable')

  // The invitation.
  const [name, setName] = createSignal('')
  const [email, setEmail] = createSignal('')
  const [role, setRole] = createSignal('')
  const [insurer, setInsurer] = createSignal(isAdmin() ? '' : ownNumber())
  const [busy, setBusy] = createSignal(false)
  const invite = createFormErrors<'name' | 'email' | 'role' | 'insurerNumber'>({
    name: { id: 'invite-name', label: () => s('name') },
    email: { id: 'invite-email', label: () => s('email') },
    role: { id: 'invite-role', label: () => s('role') },
    insurerNumber: { id: 'invite-insurer', label: () => s('insurerNumber') },
  })
  const sendInvite = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    const found = {
      name: required(name(), 'staff.admin.field.name'),
      email: required(email(), 'field.email.required'),
      role: required(role(), 'staff.admin.field.role'),
    }
    if (!invite.validate(found)) return
    setBusy(true)
    const number = insurer().trim() || ownNumber()
    const result = await staffApi('$post', '/api/ops/staff', {
      json: {
        name: name().trim(),
        email: email().trim(),
        role: role() as StaffRole,
        ...(number && role() !== 'platform_admin' ? { insurerNumber: number } : {}),
      },
    })
    setBusy(false)
    if (!result.ok) {
      invite.fromServer(result.error)
      invite.focusSummary()
      return
    }
    setNotice(s('invited', { email: result.data.staff.email ?? '' }))
    setName('')
    setEmail('')
    setRole('')
    void refetch()
  }

  return (
    <Page title={s('staffTitle')}>
      <p>{isAdmin() ? s('staffLead') : s('staffLeadInsurer', { insurer: ownInsurer() })}</p>
      <Show when={notice()}>
        <Notice kind="success" role="status">
          {notice()}
        </Notice>
      </Show>
      <section aria-labelledby="staff-list-title">
        <h2 id="staff-list-title">{s('listTitle')}</h2>
        <Loaded data={rows} onRetry={refetch}>
          {(list) => (
            <div
              class="staff-table-wrap"
              tabindex="0"
              role="region"
              aria-label={s('tableFrame', { name: s('listTitle') })}
            >
              <table class="staff-table">
                <thead>
                  <tr>
                    <th scope="col">{s('name')}</th>
                    <th scope="col">{s('email')}</th>
                    <th scope="col">{s('role')}</th>
                    <th scope="col">{s('insurer')}</th>
                    <th scope="col">{s('enrolled')}</th>
                    <th scope="col">{s('state')}</th>
                    <th scope="col">{s('lastSignIn')}</th>
                    <th scope="col">{s('actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(row) => (
                      <tr>
                        <th scope="row">{row.name}</th>
                        <td class="staff-nowrap">{row.email}</td>
                        <td class="staff-nowrap">{roleName(row.role)}</td>
                        <td>
                          <Show when={row.insurerNumber} fallback={s('scopeAll')}>
                            {row.insurerName ?? ''}
                            <span class="staff-nowrap">({row.insurerNumber})</span>
                          </Show>
                        </td>
                        <td class="staff-nowrap">
                          {row.enrolled ? s('enrolledYes') : s('enrolledNo')}
                        </td>
                        <td class="staff-nowrap">{row.disabled ? s('disabled') : s('active')}</td>
                        <td class="staff-nowrap">{when(row.lastSignInAt)}</td>
                        <td>
                          <Show
                            when={row.manageable}
                            fallback={<span class="admin-fixed staff-wrap">{whyFixed(row)}</span>}
                          >
                            <div class="admin-actions">
                              <button
                                type="button"
                                class="button button--secondary"
                                aria-label={s('editOf', { name: row.name })}
                                onClick={() => {
                                  setResetting(null)
                                  setRemoving(null)
                                  setEditing(row)
                                }}
                              >
                                {s('edit')}
                              </button>
                              <button
                                type="button"
                                class="button button--secondary"
                                aria-label={s('removeOf', { name: row.name })}
                                onClick={() => {
                                  setEditing(null)
                                  setResetting(null)
                                  setRemoving(row)
                                }}
                              >
                                {s('removeShort')}
                              </button>
                              <Show when={isAdmin()}>
                                <button
                                  type="button"
                                  class="button button--secondary"
                                  aria-label={s('resetOf', { name: row.name })}
                                  onClick={() => {
                                    setEditing(null)
                                    setRemoving(null)
                                    setResetting(row)
                                  }}
                                >
                                  {s('resetShort')}
                                </button>
                              </Show>
                            </div>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Loaded>
      </section>
      <Show when={editing()} keyed>
        {(row) => (
          <EditPanel
            row={row}
            onDone={(message) => {
              setEditing(null)
              if (message) setNotice(message)
              void refetch()
            }}
          />
        )}
      </Show>
      <Show when={resetting()} keyed>
        {(row) => (
          <ResetPanel
            row={row}
            onDone={(message) => {
              setResetting(null)
              if (message) setNotice(message)
              void refetch()
            }}
          />
        )}
      </Show>
      <Show when={removing()} keyed>
        {(row) => (
          <RemovePanel
            row={row}
            onDone={(message) => {
              setRemoving(null)
              if (message) setNotice(message)
              void refetch()
            }}
          />
        )}
      </Show>
      <section aria-labelledby="invite-title" class="staff-card admin-panel">
        <h2 id="invite-title">{s('inviteTitle')}</h2>
        <p>{s('inviteLead')}</p>
        <Form errors={invite} onSubmit={sendInvite} busy={busy()}>
          <Field
            {...invite.props('name')}
            required
            maxLength={100}
            autocomplete="off"
            value={name()}
            onInput={invite.typed('name', setName, () =>
              required(name(), 'staff.admin.field.name'),
            )}
          />
          <Field
            {...invite.props('email')}
            required
            type="email"
            autocomplete="off"
            maxLength={254}
            value={email()}
            onInput={invite.typed('email', setEmail, () =>
              required(email(), 'field.email.required'),
            )}
          />
          <SelectField
            {...invite.props('role')}
            required
            prompt={s('rolePrompt')}
            options={givable().map((r) => ({ value: r, label: roleName(r) }))}
            value={role()}
            onValue={(value) => {
              setRole(value)
              invite.recheck('role', () => required(role(), 'staff.admin.field.role'))
            }}
          />
          <Show
            when={isAdmin()}
            fallback={
              <Show when={ownInsurer()}>
                <dl class="staff-dl admin-fixed-field">
                  <dt>{s('inviteInsurer')}</dt>
                  <dd>{ownInsurer()}</dd>
                </dl>
              </Show>
            }
          >
            <Show when={role() !== 'platform_admin'}>
              <Field
                {...invite.props('insurerNumber')}
                hint={s('insurerNumberHint')}
                inputmode="numeric"
                maxLength={10}
                value={insurer()}
                onInput={(event) => setInsurer(event.currentTarget.value)}
              />
            </Show>
          </Show>
          <div class="button-row">
            <SubmitButton>{s('invite')}</SubmitButton>
          </div>
        </Form>
      </section>
    </Page>
  )
}

/** Role, insurer and disable of one person, with the reason. */
function EditPanel(props: { row: Row; onDone: (message: string | null) => void }) {
  const [role, setRole] = createSignal<string>(props.row.role)
  const [insurer, setInsurer] = createSignal(props.row.insurerNumber ?? '')
  const [disabled, setDisabled] = createSignal(props.row.disabled)
  const [reason, setReason] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const errors = createFormErrors<'role' | 'insurerNumber' | 'disabled' | 'reason'>({
    role: { id: 'edit-role', label: () => s('role') },
    insurerNumber: { id: 'edit-insurer', label: () => s('insurerNumber') },
    disabled: { id: 'edit-disabled', label: () => s('disable') },
    reason: { id: 'edit-reason', label: () => s('reason') },
  })
  const isAdmin = () => staffMember()?.role === 'platform_admin'
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ reason: required(reason(), 'staff.field.reason.required') })) return
    setBusy(true)
    const number = insurer().trim()
    const result = await staffApi('$patch', '/api/ops/staff/:id', {
      param: { id: props.row.id },
      json: {
        role: role() as StaffRole,
        ...(isAdmin()
          ? { insurerNumber: role() === 'platform_admin' || number === '' ? null : number }
          : {}),
        disabled: disabled(),
        reason: reason().trim(),
      },
    })
    setBusy(false)
    if (!result.ok) {
      errors.fromServer(result.error)
      errors.focusSummary()
      return
    }
    props.onDone(s('updated', { name: props.row.name }))
  }
  let heading!: HTMLHeadingElement
  setTimeout(() => heading?.focus(), 0)
  return (
    <section aria-labelledby="edit-title" class="staff-card admin-panel">
      <h2 id="edit-title" tabindex="-1" ref={heading}>
        {s('editTitle', { name: props.row.name })}
      </h2>
      <Form errors={errors} onSubmit={submit} busy={busy()}>
        <SelectField
          {...errors.props('role')}
          required
          prompt={s('rolePrompt')}
          options={givable().map((r) => ({ value: r, label: roleName(r) }))}
          value={role()}
          onValue={setRole}
        />
        <Show when={isAdmin() && role() !== 'platform_admin'}>
          <Field
            {...errors.props('insurerNumber')}
            hint={s('insurerNumberHint')}
            inputmode="numeric"
            maxLength={10}
            value={insurer()}
            onInput={(event) => setInsurer(event.currentTarget.value)}
          />
        </Show>
        <CheckboxField
          id="edit-disabled"
          label={s('disable')}
          checked={disabled()}
          onChecked={setDisabled}
        />
        <Field
          {...errors.props('reason')}
          required
          hint={s('reasonHint')}
          maxLength={500}
          value={reason()}
          onInput={errors.typed('reason', setReason, () =>
            required(reason(), 'staff.field.reason.required'),
          )}
        />
        <div class="button-row">
          <SubmitButton>{s('save')}</SubmitButton>
          <button type="button" class="button button--secondary" onClick={() => props.onDone(null)}>
            {s('cancel')}
          </button>
        </div>
      </Form>
    </section>
  )
}

/** A platform admin's reset of a password, a second factor or both, with the reason. */
function ResetPanel(props: { row: Row; onDone: (message: string | null) => void }) {
  const [what, setWhat] = createSignal<'second_factor' | 'password' | 'both'>('second_factor')
  const [reason, setReason] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const errors = createFormErrors<'what' | 'reason'>({
    what: { id: 'reset-what', label: () => s('resetWhat') },
    reason: { id: 'reset-reason', label: () => s('reason') },
  })
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ reason: required(reason(), 'staff.field.reason.required') })) return
    setBusy(true)
    const result = await staffApi('$post', '/api/ops/staff/:id/reset', {
      param: { id: props.row.id },
      json: { what: what(), reason: reason().trim() },
    })
    setBusy(false)
    if (!result.ok) {
      errors.fromServer(result.error)
      errors.focusSummary()
      return
    }
    props.onDone(s('resetDone', { name: props.row.name }))
  }
  let heading!: HTMLHeadingElement
  setTimeout(() => heading?.focus(), 0)
  return (
    <section aria-labelledby="reset-title" class="staff-card admin-panel">
      <h2 id="reset-title" tabindex="-1" ref={heading}>
        {s('resetTitle', { name: props.row.name })}
      </h2>
      <p>{s('resetLead')}</p>
      <Form errors={errors} onSubmit={submit} busy={busy()}>
        <SelectField
          {...errors.props('what')}
          required
          prompt={s('resetWhat')}
          options={[
            { value: 'second_factor', label: s('resetSecondFactor') },
            { value: 'password', label: s('resetPassword') },
            { value: 'both', label: s('resetBoth') },
          ]}
          value={what()}
          onValue={(value) => setWhat((value || 'second_factor') as 'second_factor')}
        />
        <Field
          {...errors.props('reason')}
          required
          hint={s('reasonHint')}
          maxLength={500}
          value={reason()}
          onInput={errors.typed('reason', setReason, () =>
            required(reason(), 'staff.field.reason.required'),
          )}
        />
        <div class="button-row">
          <SubmitButton>{s('reset')}</SubmitButton>
          <button type="button" class="button button--secondary" onClick={() => props.onDone(null)}>
            {s('cancel')}
          </button>
        </div>
      </Form>
    </section>
  )
}

/**
 * Removing a member of staff, with the reason: their access ends at once and they leave the list; their
 * name stays in the audit log and the import history.
 */
function RemovePanel(props: { row: Row; onDone: (message: string | null) => void }) {
  const [reason, setReason] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const errors = createFormErrors<'reason'>({
    reason: { id: 'remove-reason', label: () => s('reason') },
  })
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!errors.validate({ reason: required(reason(), 'staff.field.reason.required') })) return
    setBusy(true)
    const result = await staffApi('$post', '/api/ops/staff/:id/remove', {
      param: { id: props.row.id },
      json: { reason: reason().trim() },
    })
    setBusy(false)
    if (!result.ok) {
      errors.fromServer(result.error)
      errors.focusSummary()
      return
    }
    props.onDone(s('removed', { name: props.row.name }))
  }
  let heading!: HTMLHeadingElement
  setTimeout(() => heading?.focus(), 0)
  return (
    <section aria-labelledby="remove-title" class="staff-card admin-panel">
      <h2 id="remove-title" tabindex="-1" ref={heading}>
        {s('removeTitle', { name: props.row.name })}
      </h2>
      <p>{s('removeLead')}</p>
      <Form errors={errors} onSubmit={submit} busy={busy()}>
        <Field
          {...errors.props('reason')}
          required
          hint={s('reasonHint')}
          maxLength={500}
          value={reason()}
          onInput={errors.typed('reason', setReason, () =>
            required(reason(), 'staff.field.reason.required'),
          )}
        />
        <div class="button-row">
          <SubmitButton>{s('remove')}</SubmitButton>
          <button type="button" class="button button--secondary" onClick={() => props.onDone(null)}>
            {s('cancel')}
          </button>
        </div>
      </Form>
    </section>
  )
}
