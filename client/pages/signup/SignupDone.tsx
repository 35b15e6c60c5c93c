import { Page } from '../../components/Page'
import { SignupSteps } from './Steps'
import { s } from './strings'

/** 本登録が完了しました: the e-mail is confirmed; the insurance card comes next (next release). */
export default function SignupDone() {
  return (
    <Page title={s('doneTitle')} before={<SignupSteps current={4} />}>
      <div class="notice notice--success">
        <p>
          <span aria-hidden="true">✓ </span>
          {s('doneText')}
        </p>
      </div>
      <p>{s('doneNext')}</p>
      <p>{s('doneSoon')}</p>
      <p>
        <a class="button button--primary" href="/home">
          {s('toHome')}
        </a>
      </p>
    </Page>
  )
}
