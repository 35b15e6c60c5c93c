import { createResource, createSignal, Show } from 'solid-js'
import { Notice } from '../../../components/Notice'
import { Page } from '../../../components/Page'
import { staffApi, staffDownload } from '../api'
import { useScreenId } from '../StaffConsole'
import { count, dataOf, InsurerLine, Loaded, whenIso } from '../data/parts'
import { failureText, kindName, Outcome, sourceName } from './history-parts'
import { s } from './history-strings'
import '../data/data.css'
import './history.css'

/**
 * One import (/staff/insurers/:number/history/:id): who, when, what, the counts, the outcome and why it
 * stopped, and the rejection file (the server's copy: the rows the importer refused and the server's
 * rejections, merged by line, as the command line's FILE.rejected.csv).
 */
export default function ImportDetail() {
  // The console's matcher gives "<number>/history/<id>" for this screen.
  const screen = useScreenId()
  const number = () => screen().split('/')[0] ?? ''
  const id = () => screen().split('/')[2] ?? ''
  const [data, { refetch }] = createResource(
    () => ({ n: number(), id: id() }),
    async ({ n, id }) =>
      dataOf(
        await staffApi('$get', '/api/ops/insurers/:number/imports/:id', {
          param: { number: n, id },
        }),
      ),
  )
  const [failed, setFailed] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const download = async (fileName: string) => {
    if (busy()) return
    setBusy(true)
    setFailed(null)
    const url = `/api/ops/insurers/${encodeURIComponent(number())}/imports/${encodeURIComponent(id())}/rejected.csv`
    const result = await staffDownload(url, `${fileName}.rejected.csv`)
    setBusy(false)
    if (!result.ok) setFailed(s('downloadFailed', { message: result.error.message }))
  }
  const back = () => `/staff/insurers/${encodeURIComponent(number())}/history`

  return (
    <Page title={s('detailTitle')} class="page--wide">
      <InsurerLine number={number()} />
      <p>
        <a href={back()}>{s('back')}</a>
      </p>
      <Loaded data={data} onRetry={refetch}>
        {(d) => {
          const i = () => d().import
          const roster = () => i().kind === 'roster'
          return (
            <>
              <section aria-labelledby="history-what">
                <h2 id="history-what">{s('detailOf', { file: i().fileName })}</h2>
                <dl class="staff-dl">
                  <dt>{s('outcome')}</dt>
                  <dd>
                    <Outcome view={i()} />
                  </dd>
                  <Show when={failureText(i())}>
                    {(text) => (
                      <>
                        <dt>{s('failure')}</dt>
                        <dd>{text()}</dd>
                      </>
                    )}
                  </Show>
                  <dt>{s('kind')}</dt>
                  <dd>{kindName(i())}</dd>
                  <dt>{s('file')}</dt>
                  <dd class="history-file">{i().fileName}</dd>
                  <dt>{s('fileSize')}</dt>
                  <dd>{s('bytes', { n: count(i().fileSize) })}</dd>
                  <Show when={i().detected}>
                    <dt>{roster() ? s('detected') : s('detectedCheckups')}</dt>
                    <dd>{i().detected}</dd>
                  </Show>
                  <dt>{s('by')}</dt>
                  <dd>{i().staffName ?? s('unknownStaff')}</dd>
                  <dt>{s('source')}</dt>
                  <dd>{sourceName(i())}</dd>
                  <dt>{s('startedAt')}</dt>
                  <dd>{whenIso(i().startedAt)}</dd>
                  <dt>{s('finishedAt')}</dt>
                  <dd>{whenIso(i().finishedAt)}</dd>
                </dl>
              </section>
              <section aria-labelledby="history-counts">
                <h2 id="history-counts">{s('counts')}</h2>
                <dl class="staff-dl history-numbers">
                  <dt>{roster() ? s('rowsRead') : s('rowsReadCheckups')}</dt>
                  <dd>{count(i().totals.rowsRead)}</dd>
                  <Show when={roster()}>
                    <dt>{s('blank')}</dt>
                    <dd>{count(i().totals.blank)}</dd>
                  </Show>
                  <dt>{s('inserted')}</dt>
                  <dd>{count(i().totals.inserted)}</dd>
                  <dt>{roster() ? s('updated') : s('updatedCheckups')}</dt>
                  <dd>{count(i().totals.updated)}</dd>
                  <dt>{s('unchanged')}</dt>
                  <dd>{count(i().totals.unchanged)}</dd>
                  <dt>{s('rejected')}</dt>
                  <dd>{count(i().totals.rejected)}</dd>
                  <dt>{s('batches')}</dt>
                  <dd>{count(i().batches)}</dd>
                </dl>
              </section>
              <section aria-labelledby="history-rejections">
                <h2 id="history-rejections">{s('rejections')}</h2>
                <Show when={i().hasRejections} fallback={<p>{s('rejectionsNone')}</p>}>
                  <p>{s('rejectionsLead')}</p>
                  <Show when={failed()}>
                    <Notice kind="error" role="alert">
                      {failed()}
                    </Notice>
                  </Show>
                  <div class="button-row">
                    <button
                      type="button"
                      class="button button--primary"
                      aria-busy={busy()}
                      onClick={() => void download(i().fileName)}
                    >
                      {s('downloadRejections')}
                    </button>
                  </div>
                </Show>
              </section>
            </>
          )
        }}
      </Loaded>
    </Page>
  )
}
