import { Page } from '../../components/Page'
import { s } from './strings'
import './styles.css'

/** ログインできない場合: the way to a new password, and to support for a forgotten login ID. */
export default function LoginHelp() {
  return (
    <Page title={s('helpTitle')}>
      <p>{s('helpIntro')}</p>
      <ul class="choice-list">
        <li>
          <a href="/password/forgot">{s('forgotPassword')}</a>
          <p>{s('forgotPasswordText')}</p>
        </li>
        <li>
          <a href="/inquiry?type=login">{s('forgotLoginId')}</a>
          <p>{s('forgotLoginIdText')}</p>
        </li>
      </ul>
      <p class="note">{s('lockedText')}</p>
      <p>
        <a href="/login">{s('toLogin')}</a>
      </p>
    </Page>
  )
}
