import { createResource, createSignal, For, Show } from 'solid-js'
import { Loaded } from '../Loaded'
import type { MessageKey } from '../../../../core/i18n'
import { Field, Form, SubmitButton } from '../../../components/Field'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { createFormErrors } from '../../../lib/form'
import { coreMsg, type Msg } from '../../../lib/messages'
import { staffApi } from '../api'
import { when } from './parts'
import { s } from './strings'
import './admin.css'

const required = (value: string, key: MessageKey): Msg | undefined =>
  value.trim() === '' ? coreMsg(key) : undefined

/** 団体連携コード: the codes, a form to issue one for an organisation of an insurer, and retiring. */
export default function OrgCodes() {
  const [rows, { refetch }] = createResource(async () => {
    const result = await staffApi('$get', '/api/ops/platform/org-codes')
    if (!result.ok) throw new Error(result.error.message)
    return result.data.codes
  })
  const [notice, setNotice] = createSignal<string | null>(null)
  const [failure, setFailure] = createSignal<string | null>(null)
  const [number, setNumber] = createSignal('')
  const [organisation, setOrganisation] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const errors = createFormErrors<'insurerNumber' | 'organisation'>({
    insurerNumber: { id: 'code-insurer', label: () => s('number') },
    organisation: { id: 'code-organisation', label: () => s('organisation') },
  })
  const issue = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    const found = {
      insurerNumber: required(number(), 'ops.insurer.number'),
      organisation: required(organisation(), 'staff.admin.field.organisation'),
    }
    if (!errors.validate(found)) return
    setBusy(true)
    const result = await staffApi('$post', '/api/ops/platform/org-codes', {
      json: { insurerNumber: number().trim(), organisation: organisation().trim() },
    })
    setBusy(false)
    if (!result.ok) {
      errors.fromServer(result.error)
      errors.focusSummary()
      return
    }
    setNotice(s('issued', { code: result.data.code.code }))
    setOrganisation('')
    void refetch()
  }
  const retire = async (code: string) => {
    setFailure(null)
    const result = await staffApi('$post', '/api/ops/platform/org-codes/:code/retire', {
      param: { code },
    })
    if (result.ok) setNotice(s('retired', { code }))
    else setFailure(result.error.message)
    void refetch()
  }

  return (
    <Page title={s('orgCodesTitle')}>
      <p>{s('orgCodesLead')}</p>
      <Show when={notice()}>
        <Notice kind="success" role="status">
          {notice()}
        </Notice>
      </Show>
      <Show when={failure()}>
        <Notice kind="error" role="alert">
          {failure()}
        </Notice>
      </Show>
      <section aria-labelledby="issue-title" class="staff-card admin-panel">
        <h2 id="issue-title">{s('issueTitle')}</h2>
        <Form errors={errors} onSubmit={issue} busy={busy()}>
          <Field
            {...errors.props('insurerNumber')}
            required
            hint={s('numberHint')}
            inputmode="numeric"
            maxLength={10}
            value={number()}
            onInput={errors.typed('insurerNumber', setNumber, () =>
              required(number(), 'ops.insurer.number'),
            )}
          />
          <Field
            {...errors.props('organisation')}
            required
            maxLength={100}
            value={organisation()}
            onInput={errors.typed('organisation', setOrganisation, () =>
              required(organisation(), 'staff.admin.field.organisation'),
            )}
          />
          <div class="button-row">
            <SubmitButton>{s('issue')}</SubmitButton>
          </div>
        </Form>
      </section>
      <section aria-labelledby="codes-title">
        <h2 id="codes-title">{s('orgCodesTitle')}</h2>
        <Loaded data={rows} onRetry={refetch} empty={s('none')}>
          {(list) => (
            <div class="staff-table-wrap">
              <table class="staff-table">
                <thead>
                  <tr>
                    <th scope="col">{s('code')}</th>
                    <th scope="col">{s('organisation')}</th>
                    <th scope="col">{s('insurer')}</th>
                    <th scope="col">{s('createdAt')}</th>
                    <th scope="col">{s('status')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{s('retire')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(row) => (
                      <tr>
                        <th scope="row" class="enrol-key">
                          {row.code}
                        </th>
                        <td>{row.organisation}</td>
                        <td>
                          {row.insurerName}({row.insurerNumber})
                        </td>
                        <td>{when(row.createdAt)}</td>
                        <td>
                          {row.retiredAt === null
                            ? s('live')
                            : `${s('retiredAt')} ${when(row.retiredAt)}`}
                        </td>
                        <td>
                          <Show when={row.retiredAt === null}>
                            <button
                              type="button"
                              class="button button--secondary"
                              aria-label={s('retireOf', { code: row.code })}
                              onClick={() => void retire(row.code)}
                            >
                              {s('retire')}
                            </button>
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
    </Page>
  )
}
