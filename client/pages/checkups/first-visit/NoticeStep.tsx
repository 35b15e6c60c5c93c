import { Form, SubmitButton } from '../../../components/Field'
import { createSignal, For } from 'solid-js'
import { Page } from '../../../components/Page'
import { api, type CheckupAccessState } from '../../../lib/api'
import { createFormErrors } from '../../../lib/form'
import { textMsg } from '../../../lib/messages'
import type { OnApiError } from '../Checkups'
import { GradeLegend } from '../GradeBadge'
import { AccessSteps } from '../parts'
import { s } from '../strings'
import { StatusLine } from '../../../components/Status'
import './NoticeStep.css'

const REFERENCES = ['ref1', 'ref2', 'ref3', 'ref4', 'ref5', 'ref6'] as const

/**
 * STEP4 健診結果に関する注意事項 (the manual's wording): what the grades are, the guideline sources,
 * the disclaimers and ※注1, with 判定基準の一覧を見る; 健診結果を見る (POST /api/checkups/notice)
 * records that the member read them and opens the results.
 */
export function NoticeStep(props: {
  onState: (state: CheckupAccessState) => void
  onApiError: OnApiError
}) {
  const [busy, setBusy] = createSignal(false)
  const errors = createFormErrors<never>({})

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    errors.clear()
    setBusy(true)
    const result = await api.acceptNotice()
    setBusy(false)
    if (result.ok) {
      props.onState(result.data.state)
      return
    }
    if (props.onApiError(result.error)) return
    errors.setTop(textMsg(result.error.message))
    errors.focusSummary()
  }

  return (
    <Page title={s('noticeTitle')} before={<AccessSteps current={4} />}>
      <p>{s('noticeIntro')}</p>

      <h2>{s('bandsHeading')}</h2>
      <p>{s('bandsText')}</p>
      <p>
        <a href="/checkups/criteria">{s('criteriaLink')}</a>
      </p>
      <p>{s('gradesLead')}</p>
      <GradeLegend />
      <p>{s('bandsSource')}</p>
      <h3>{s('refsHeading')}</h3>
      <ul class="bullets">
        <For each={REFERENCES}>{(key) => <li>{s(key)}</li>}</For>
      </ul>

      <h2>{s('cautionsHeading')}</h2>
      <ul class="bullets">
        <li>{s('caution1')}</li>
        <li>{s('caution2')}</li>
        <li>
          {s('caution3Lead')}
          <span class="note-mark">{s('caution3Mark')}</span>
          {s('caution3Tail')}
        </li>
        <li>{s('caution4')}</li>
        <li>{s('caution5')}</li>
        <li>{s('caution6')}</li>
      </ul>
      <p class="note">
        {s('note1Mark')}
        {s('note1')}
      </p>

      <Form errors={errors} onSubmit={submit} busy={busy()}>
        <StatusLine text={busy() && s('opening')} />
        <div class="button-row">
          <SubmitButton>{s('viewResults')}</SubmitButton>
        </div>
      </Form>
    </Page>
  )
}
