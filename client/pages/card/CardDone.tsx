import { Navigate } from '@solidjs/router'
import { onMount, Show } from 'solid-js'
import { ButtonLink, Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import type { Member } from '../../lib/api'
import { CardSteps } from './Steps'
import { resetCard } from './store'
import { s } from './strings'
import { Notice } from '../../components/Notice'
import './styles.css'

/** 登録完了 (manual STEP3): the card is linked; the name is the insurer's roster spelling. */
export default function CardDone() {
  return (
    <Page title={s('doneTitle')} before={<CardSteps current={4} />}>
      <RequireMember>
        {(member) => (
          <Show when={member.linked} fallback={<Navigate href="/card" />}>
            <Done member={member} />
          </Show>
        )}
      </RequireMember>
    </Page>
  )
}

function Done(props: { member: Member }) {
  // Nothing typed into the wizard is needed any more.
  onMount(resetCard)
  return (
    <>
      <Notice kind="success" class="break">
        {s('doneText', { name: props.member.name ?? props.member.email })}
      </Notice>
      <p>{s('doneNext')}</p>
      <p>
        <ButtonLink href="/home">{s('toHome')}</ButtonLink>
      </p>
    </>
  )
}
