import { Show } from 'solid-js'
import { ButtonLink, Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { defineStrings, ui } from '../../lib/i18n'
import './styles.css'

const s = defineStrings(
  {
    title: 'ホーム',
    greeting: '{name} 様',
    checkups: '特定健診結果',
    checkupsLocked: '保険証の登録後にご覧いただけます',
    checkupsOpen: '健診結果を見る',
    insurer: 'ご所属の組合',
    registerCard: '保険証情報を登録する',
    news: 'お知らせ',
    noNews: '現在、お知らせはありません。',
    account: 'アカウント設定',
    accountSoon: 'メールアドレス・パスワードの変更などは近日公開予定です。',
    accessLog: '健診結果の閲覧履歴',
  },
  {
    title: 'Home',
    greeting: 'Welcome, {name}',
    checkups: 'Specific health checkup results',
    checkupsLocked: 'Available after you register your insurance card',
    checkupsOpen: 'View checkup results',
    insurer: 'Health insurance society',
    registerCard: 'Register your insurance card',
    news: 'News',
    noNews: 'There is no news at the moment.',
    account: 'Account settings',
    accountSoon: 'Changing your email address or password will be available soon.',
    accessLog: 'Who viewed your checkup results',
  },
)

/**
 * ホーム: the member's tiles; results need the insurance card linked first. Once linked, the
 * greeting uses the insurer's roster name and the insurer is named.
 */
export default function Home() {
  return (
    <Page title={s('title')}>
      <RequireMember>
        {(member) => (
          <>
            <p class="greeting break">{s('greeting', { name: member.name ?? member.email })}</p>
            <Show when={member.insurer}>
              {(insurer) => (
                <p class="muted">
                  {s('insurer')}
                  {ui('labelSeparator')}
                  {insurer().name}
                </p>
              )}
            </Show>
            <div class="tiles">
              <section class="tile" aria-labelledby="tile-checkups">
                <h2 id="tile-checkups" class="tile__title">
                  {s('checkups')}
                </h2>
                <Show
                  when={member.linked}
                  fallback={
                    <>
                      <p class="tile__text">{s('checkupsLocked')}</p>
                      <p>
                        <ButtonLink href="/card">{s('registerCard')}</ButtonLink>
                      </p>
                    </>
                  }
                >
                  <p>
                    <a href="/checkups">{s('checkupsOpen')}</a>
                  </p>
                </Show>
              </section>
              <section class="tile" aria-labelledby="tile-news">
                <h2 id="tile-news" class="tile__title">
                  {s('news')}
                </h2>
                <p class="tile__text">{s('noNews')}</p>
              </section>
              <section class="tile" aria-labelledby="tile-account">
                <h2 id="tile-account" class="tile__title">
                  {s('account')}
                </h2>
                <p class="tile__text">{s('accountSoon')}</p>
                <Show when={member.linked}>
                  <p>
                    <a href="/account/access-log">{s('accessLog')}</a>
                  </p>
                </Show>
              </section>
            </div>
          </>
        )}
      </RequireMember>
    </Page>
  )
}
