import { createSignal, onMount, Show } from 'solid-js'
import { ButtonLink, Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { call } from '../../lib/api'
import { defineStrings, ui } from '../../lib/i18n'
import { NoticeList, type NoticeItem } from '../notices/NoticeList'
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
    newsUnread: '未読 {count}件',
    allNews: 'すべてのお知らせを見る',
    account: 'アカウント設定',
    accountText: 'メールアドレス・パスワードの変更、ログイン中の端末、お知らせの設定など',
    openAccount: 'アカウント設定を開く',
    notifications: 'お知らせの設定',
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
    news: 'Notices',
    noNews: 'There are no notices at the moment.',
    newsUnread: '{count} unread',
    allNews: 'See all notices',
    account: 'Account settings',
    accountText:
      'Your e-mail address and password, devices logged in, notification settings and more',
    openAccount: 'Open account settings',
    notifications: 'Notification settings',
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
                <News />
              </section>
              <section class="tile" aria-labelledby="tile-account">
                <h2 id="tile-account" class="tile__title">
                  {s('account')}
                </h2>
                <p class="tile__text">{s('accountText')}</p>
                <p>
                  <a href="/account">{s('openAccount')}</a>
                </p>
                <p>
                  <a href="/account/notifications">{s('notifications')}</a>
                </p>
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

/** How many お知らせ the tile shows; the rest are on /notices. */
const NEWS_ON_HOME = 3

/** ホーム's お知らせ tile: the unread count, the latest few, and a link to all of them. */
function News() {
  const [data, setData] = createSignal<{ unread: number; notices: NoticeItem[] }>()
  onMount(async () => {
    const result = await call('$get', '/api/notices')
    setData(result.ok ? result.data : { unread: 0, notices: [] })
  })
  return (
    <Show when={data()}>
      {(d) => (
        <>
          <Show when={d().notices.length > 0} fallback={<p class="tile__text">{s('noNews')}</p>}>
            <Show when={d().unread > 0}>
              <p class="tile__badge">{s('newsUnread', { count: d().unread })}</p>
            </Show>
            <NoticeList notices={d().notices.slice(0, NEWS_ON_HOME)} />
          </Show>
          <p>
            <a href="/notices">{s('allNews')}</a>
          </p>
        </>
      )}
    </Show>
  )
}
