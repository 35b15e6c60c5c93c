import { createResource, createSignal, For, Show } from 'solid-js'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { staffApi, staffDownload } from '../api'
import { useScreenId } from '../StaffConsole'
import { dataOf, InsurerLine, Loaded, whenIso } from '../data/parts'
import { kindName, Outcome, sourceName, summary } from './history-parts'
import { s } from './history-strings'
import '../data/data.css'
import './history.css'

/**
 * 取り込み履歴 (/staff/insurers/:number/history): the insurer's imports of the last 90 days, newest first,
 * 50 a page: when, what, from which file, by whom (console or command line), the counts and the outcome
 * in words; each opens its detail, and one with errors offers its list of errors (CSV) at once. On a
 * phone the table is shown as one card an import (history.css).
 */
export default function ImportHistory() {
  const number = useScreenId()
  const [cursor, setCursor] = createSignal<string | undefined>()
  const [page, { refetch }] = createResource(
    () => ({ n: number(), cursor: cursor() }),
    async ({ n, cursor }) =>
      dataOf(
        await staffApi('$get', '/api/ops/insurers/:number/imports', {
          param: { number: n },
          query: { cursor },
        }),
      ),
  )
  const [failed, setFailed] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal<string | null>(null)
  const download = async (id: string, fileName: string) => {
    if (busy()) return
    setBusy(id)
    setFailed(null)
    const url = `/api/ops/insurers/${encodeURIComponent(number())}/imports/${encodeURIComponent(id)}/rejected.csv`
    const result = await staffDownload(url, `${fileName}.rejected.csv`)
    setBusy(null)
    if (!result.ok) setFailed(s('downloadFailed', { message: result.error.message }))
  }
  return (
    <Page title={s('title')} class="page--wide">
      <InsurerLine number={number()} />
      <p>{s('lead')}</p>
      <Loaded data={page} onRetry={refetch}>
        {(data) => (
          <>
            <Show when={failed()}>
              <Notice kind="error" role="alert">
                {failed()}
              </Notice>
            </Show>
            <Show when={data().imports.length > 0} fallback={<p>{s('empty')}</p>}>
              <div class="staff-table-wrap">
                <table class="staff-table history-table">
                  <caption class="visually-hidden">{s('title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{s('startedAt')}</th>
                      <th scope="col">{s('kind')}</th>
                      <th scope="col">{s('file')}</th>
                      <th scope="col">{s('by')}</th>
                      <th scope="col">{s('counts')}</th>
                      <th scope="col">{s('outcome')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={data().imports}>
                      {(i) => (
                        <tr>
                          <th scope="row" class="history-when">
                            <a
                              href={`/staff/insurers/${encodeURIComponent(number())}/history/${encodeURIComponent(i.id)}`}
                            >
                              {whenIso(i.startedAt)}
                            </a>
                          </th>
                          <td data-label={s('kind')}>{kindName(i)}</td>
                          <td data-label={s('file')} class="history-file">
                            {i.fileName}
                          </td>
                          <td data-label={s('by')}>
                            {i.staffName ?? s('unknownStaff')}
                            <br />
                            <span class="history-source">{sourceName(i)}</span>
                          </td>
                          <td data-label={s('counts')} class="history-counts">
                            {summary(i)}
                            <Show when={i.hasRejections}>
                              <button
                                type="button"
                                class="history-download"
                                aria-label={s('downloadRejectionsOf', { file: i.fileName })}
                                aria-busy={busy() === i.id}
                                onClick={() => void download(i.id, i.fileName)}
                              >
                                {s('downloadRejectionsShort')}
                              </button>
                            </Show>
                          </td>
                          <td data-label={s('outcome')}>
                            <Outcome view={i} />
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
            <div class="button-row">
              <Show when={cursor()}>
                <button
                  type="button"
                  class="button button--secondary"
                  onClick={() => setCursor(undefined)}
                >
                  {s('first')}
                </button>
              </Show>
              <Show when={data().next}>
                {(next) => (
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() => setCursor(next())}
                  >
                    {s('next')}
                  </button>
                )}
              </Show>
            </div>
          </>
        )}
      </Loaded>
    </Page>
  )
}
