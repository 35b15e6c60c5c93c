import { useSearchParams } from '@solidjs/router'
import { createResource, createSignal, For, Show } from 'solid-js'
import { INQUIRY_STATUSES, INQUIRY_TYPES } from '../../../../core/inquiry'
import { Field } from '../../../components/Field'
import { Page } from '../../../components/Page'
import { SelectField } from '../../../components/SelectField'
import { LoadFailed, Loading } from '../../../components/Status'
import { lang } from '../../../lib/i18n'
import { staffApi } from '../api'
import { s } from './strings'
import './inquiries.css'

const when = (iso: string) =>
  new Date(iso).toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })

type Filters = {
  status?: string
  type?: string
  insurer?: string
  age?: string
  assignee?: string
  cursor?: string
}

/** A status in words (never colour alone): the badge's colour only repeats what it says. */
export function StatusBadge(props: { status: string }) {
  return (
    <span class={`inq-status inq-status--${props.status}`}>
      {s(`status.${props.status}` as 'status.new')}
    </span>
  )
}

/**
 * お問い合わせ一覧: filters as labelled selects (kept in the URL, so a filtered list can be shared and
 * the back button works), the counts per status for the same filters, and a table of the newest 50
 * with a link to each; "next 50" follows the cursor.
 */
export default function InquiryList() {
  const [params, setParams] = useSearchParams<Filters>()
  const current = (): Filters => ({
    status: params.status || undefined,
    type: params.type || undefined,
    insurer: params.insurer || undefined,
    age: params.age || undefined,
    assignee: params.assignee || undefined,
    cursor: params.cursor || undefined,
  })
  const [page, { refetch }] = createResource(current, async (query) => {
    const result = await staffApi('$get', '/api/ops/inquiries', {
      query: query as Record<string, string | undefined> as never,
    })
    if (!result.ok) throw new Error(result.error.message)
    return result.data
  })
  // The form's own values: applied on submit (a select's change does not reload the list by itself).
  const [status, setStatus] = createSignal(params.status ?? '')
  const [type, setType] = createSignal(params.type ?? '')
  const [insurer, setInsurer] = createSignal(params.insurer ?? '')
  const [age, setAge] = createSignal(params.age ?? '')
  const [assignee, setAssignee] = createSignal(params.assignee ?? '')
  const insurerError = () =>
    insurer() !== '' && !/^\d{8}$/.test(insurer()) ? s('insurerHint') : undefined

  const apply = (event: SubmitEvent) => {
    event.preventDefault()
    if (insurerError()) return
    setParams({
      status: status() || undefined,
      type: type() || undefined,
      insurer: insurer() || undefined,
      age: age() || undefined,
      assignee: assignee() || undefined,
      cursor: undefined,
    })
  }
  const reset = () => {
    for (const set of [setStatus, setType, setInsurer, setAge, setAssignee]) set('')
    setParams({
      status: undefined,
      type: undefined,
      insurer: undefined,
      age: undefined,
      assignee: undefined,
      cursor: undefined,
    })
  }

  return (
    <Page title={s('listTitle')} class="page--wide">
      <section class="staff-card" aria-labelledby="inq-filters">
        <h2 id="inq-filters">{s('filters')}</h2>
        <form class="inq-filters" onSubmit={apply} novalidate>
          <SelectField
            id="inq-status"
            label={s('status')}
            prompt={s('any')}
            options={INQUIRY_STATUSES.map((v) => ({ value: v, label: s(`status.${v}`) }))}
            value={status()}
            onValue={setStatus}
          />
          <SelectField
            id="inq-type"
            label={s('type')}
            prompt={s('any')}
            options={INQUIRY_TYPES.map((v) => ({ value: v, label: s(`type.${v}`) }))}
            value={type()}
            onValue={setType}
          />
          <Field
            id="inq-insurer"
            label={s('insurer')}
            hint={s('insurerHint')}
            inputmode="numeric"
            maxLength={8}
            value={insurer()}
            error={insurerError()}
            onInput={(e) => setInsurer(e.currentTarget.value.trim())}
          />
          <SelectField
            id="inq-age"
            label={s('age')}
            prompt={s('any')}
            options={[
              { value: '24h', label: s('age24h') },
              { value: '72h', label: s('age72h') },
            ]}
            value={age()}
            onValue={setAge}
          />
          <SelectField
            id="inq-assignee"
            label={s('assignee')}
            prompt={s('any')}
            options={[
              { value: 'me', label: s('assigneeMe') },
              { value: 'none', label: s('assigneeNone') },
            ]}
            value={assignee()}
            onValue={setAssignee}
          />
          <div class="button-row">
            <button type="submit" class="button button--primary">
              {s('apply')}
            </button>
            <button type="button" class="button button--secondary" onClick={reset}>
              {s('reset')}
            </button>
          </div>
        </form>
      </section>

      <Show
        when={!page.error}
        fallback={
          <LoadFailed message={s('loadFailed')} retryLabel={s('retry')} onRetry={refetch} />
        }
      >
        <Show when={page()} fallback={<Loading />}>
          {(data) => (
            <>
              <section aria-labelledby="inq-counts">
                <h2 id="inq-counts" class="visually-hidden">
                  {s('counts')}
                </h2>
                <ul class="inq-counts" aria-label={s('counts')}>
                  <For each={INQUIRY_STATUSES}>
                    {(st) => (
                      <li>
                        <StatusBadge status={st} />{' '}
                        <span>{s('countN', { n: data().counts[st] })}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
              <Show when={data().items.length > 0} fallback={<p role="status">{s('empty')}</p>}>
                <div class="staff-table-wrap">
                  <table class="staff-table inq-table">
                    <caption class="visually-hidden">{s('listTitle')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{s('receiptNo')}</th>
                        <th scope="col">{s('receivedAt')}</th>
                        <th scope="col">{s('type')}</th>
                        <th scope="col">{s('status')}</th>
                        <th scope="col">{s('insurerName')}</th>
                        <th scope="col">{s('nameKana')}</th>
                        <th scope="col">{s('assignee')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={data().items}>
                        {(item) => (
                          <tr>
                            <th scope="row">
                              <a href={`/staff/inquiries/${encodeURIComponent(item.receiptNo)}`}>
                                {item.receiptNo}
                              </a>
                            </th>
                            <td data-label={s('receivedAt')}>{when(item.createdAt)}</td>
                            <td data-label={s('type')}>{s(`type.${item.type}`)}</td>
                            <td data-label={s('status')}>
                              <StatusBadge status={item.status} />
                            </td>
                            <td data-label={s('insurerName')}>{item.insurerName}</td>
                            <td data-label={s('nameKana')}>{item.nameKana}</td>
                            <td data-label={s('assignee')}>{item.assigneeName ?? s('none')}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
              <div class="button-row">
                <Show when={params.cursor}>
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() => setParams({ cursor: undefined })}
                  >
                    {s('first')}
                  </button>
                </Show>
                <Show when={data().nextCursor}>
                  {(cursor) => (
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => setParams({ cursor: cursor() })}
                    >
                      {s('next')}
                    </button>
                  )}
                </Show>
              </div>
            </>
          )}
        </Show>
      </Show>
    </Page>
  )
}
