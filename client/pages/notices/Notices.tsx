import { createSignal, Match, onMount, Show, Switch } from 'solid-js'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { LoadFailed, Loading } from '../../components/Status'
import { call, type ApiError } from '../../lib/api'
import { defineStrings } from '../../lib/i18n'
import { setMember } from '../../lib/session'
import { NoticeList, type NoticeItem } from './NoticeList'

const s = defineStrings(
  {
    title: 'お知らせ',
    intro: '新しい順に表示しています(最大50件)。お知らせを開くと既読になります。',
    unread: '未読のお知らせ: {count}件',
    empty: '現在、お知らせはありません。',
    settings: 'お知らせの設定(メール・この端末への通知)',
    retry: 'もう一度読み込む',
    home: 'ホームへ戻る',
  },
  {
    title: 'Notices',
    intro: 'Newest first (up to 50). Opening one marks it as read.',
    unread: 'Unread: {count}',
    empty: 'There is no news at the moment.',
    settings: 'Notification settings (e-mail, this device)',
    retry: 'Try again',
    home: 'Back to home',
  },
)

/** /notices — every お知らせ of the member (GET /api/notices). */
export default function Notices() {
  return (
    <Page title={s('title')}>
      <RequireMember>{() => <List />}</RequireMember>
    </Page>
  )
}

function List() {
  const [data, setData] = createSignal<{ unread: number; notices: NoticeItem[] }>()
  const [failure, setFailure] = createSignal<ApiError>()
  const load = async () => {
    setFailure(undefined)
    const result = await call('$get', '/api/notices')
    if (result.ok) setData(result.data)
    else if (result.error.code === 'unauthenticated') setMember(null)
    else setFailure(result.error)
  }
  onMount(load)
  return (
    <Switch fallback={<Loading />}>
      <Match when={failure()}>
        {(error) => <LoadFailed message={error().message} retryLabel={s('retry')} onRetry={load} />}
      </Match>
      <Match when={data()}>
        {(d) => (
          <>
            <p>{s('intro')}</p>
            <p class="notices__count">{s('unread', { count: d().unread })}</p>
            <Show
              when={d().notices.length > 0}
              fallback={<Notice kind="info">{s('empty')}</Notice>}
            >
              <NoticeList notices={d().notices} />
            </Show>
            <p class="notices__settings">
              <a href="/account/notifications">{s('settings')}</a>
            </p>
            <p>
              <a href="/home">{s('home')}</a>
            </p>
          </>
        )}
      </Match>
    </Switch>
  )
}
