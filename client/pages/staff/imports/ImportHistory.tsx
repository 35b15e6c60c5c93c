import { createResource, createSignal, For, Show } from 'solid-js'
import { Page } from '../../../components/Page'
import { staffApi } from '../api'
import { useScreenId } from '../StaffConsole'
import { dataOf, InsurerLine, Loaded, whenIso } from '../data/parts'
import { kindName, Outcome, sourceName, summary } from './history-parts'
import { s } from './history-strings'
import '../data/data.css'
import './history.css'

/**
 * 取り込み履歴 (/staff/insurers/:number/history): the insurer's imports of the last 90 days, newest first,
 * 50 a page: when, what, from which file, by whom (console or command line), the counts and the outcome
 * in words; each opens its detail with the rejection file.
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
  return (
    <Page title={s('title')} class="page--wide">
      <InsurerLine number={number()} />
      <p>{s('lead')}</p>
      <Loaded data={page} onRetry={refetch}>
        {(data) => (
          <>
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
                          <th scope="row">
                            <a
                              href={`/staff/insurers/${encodeURIComponent(number())}/history/${encodeURIComponent(i.id)}`}
                            >
                              {whenIso(i.startedAt)}
                            </a>
                          </th>
                          <td>{kindName(i)}</td>
                          <td class="history-file">{i.fileName}</td>
                          <td>
                            {i.staffName ?? s('unknownStaff')}
                            <br />
                            <span class="history-source">{sourceName(i)}</span>
                          </td>
                          <td class="history-counts">{summary(i)}</td>
                          <td>
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
