import { Notice } from '../../components/Notice'
import { ButtonLink, Page } from '../../components/Page'
import { s } from './strings'
import './styles.css'

/** /account/withdrawn — 退会完了 (no session any more). */
export default function Withdrawn() {
  return (
    <Page title={s('withdrawnTitle')}>
      <Notice kind="success" role="status">
        {s('withdrawn')}
      </Notice>
      <p>
        <ButtonLink href="/signup" kind="secondary">
          {s('toSignup')}
        </ButtonLink>
      </p>
    </Page>
  )
}
