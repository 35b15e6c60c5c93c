import { ButtonLink, Page } from '../../components/Page'
import { SignupSteps } from './Steps'
import { s } from './strings'
import { Notice } from '../../components/Notice'
import './styles.css'

/** 本登録が完了しました: the e-mail is confirmed; the insurance card comes next (journey 3). */
export default function SignupDone() {
  return (
    <Page title={s('doneTitle')} before={<SignupSteps current={4} />}>
      <Notice kind="success">{s('doneText')}</Notice>
      <p>{s('doneNext')}</p>
      <div class="button-row">
        <ButtonLink href="/card">{s('toCard')}</ButtonLink>
        <ButtonLink href="/home" kind="secondary">
          {s('toHome')}
        </ButtonLink>
      </div>
    </Page>
  )
}
