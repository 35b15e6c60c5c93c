import { createSignal, For, Match, onMount, Show, Switch } from 'solid-js'
import { Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { api, type AccessLogEntry, type ApiError } from '../../lib/api'
import { dateFormat, defineStrings, lang } from '../../lib/i18n'
import { setMember } from '../../lib/session'
import { Loading, LoadFailed } from '../../components/Status'
import { Notice } from '../../components/Notice'
import { MEMBER_VISIBLE_ACTIONS } from '../../../core/member-action-names'

const s = defineStrings(
  {
    title: '健診結果の閲覧履歴',
    intro:
      'あなたの健診結果が閲覧された日時と、サポート担当者があなたのアカウントに行った対応の一覧です(新しい順、最大100件)。',
    caption: '閲覧と対応の記録',
    at: '日時',
    actor: '行った人',
    action: '内容',
    member: 'ご本人',
    staff: '健康保険組合・お客様サポートの担当者',
    other: 'システム',
    read: '健診結果の閲覧',
    'member.viewed': 'サポート担当者があなたの登録情報を確認しました',
    'member.code_reissued':
      'サポート担当者が健診閲覧コードを再発行しました(新しいコードは、はがきでお届けします)',
    'member.address_unlocked': 'サポート担当者がログインのロックを解除しました',
    'member.health_unlocked': 'サポート担当者が健診結果の閲覧ロックを解除しました',
    'member.reset_mail_sent': 'サポート担当者がパスワード再設定メールを送信しました',
    'member.sessions_ended': 'サポート担当者がすべての端末からログアウトさせました',
    'member.login_id_notice_sent': 'サポート担当者がログインIDの案内メールを送信しました',
    'member.unlinked':
      'サポート担当者が健康保険組合との紐付けを解除しました(保険証の登録からやり直せます)',
    empty: 'まだ閲覧や対応の記録はありません。',
    unknownNote: 'お心当たりのない閲覧や対応があった場合は、お問い合わせください。',
    inquiry: 'お問い合わせ',
    retry: 'もう一度読み込む',
    toCheckups: '健診結果を見る',
  },
  {
    title: 'Who viewed your checkup results',
    intro:
      'When your checkup results were viewed, and what support did on your account (newest first, up to 100).',
    caption: 'Views and support actions',
    at: 'Date and time',
    actor: 'By',
    action: 'What',
    member: 'You',
    staff: 'Staff of your health insurance society or of support',
    other: 'System',
    read: 'Checkup results viewed',
    'member.viewed': 'Support looked at your account details',
    'member.code_reissued': 'Support re-issued your viewing code (the new code comes by postcard)',
    'member.address_unlocked': 'Support lifted the log-in lock',
    'member.health_unlocked': 'Support lifted the lock on your checkup results',
    'member.reset_mail_sent': 'Support sent you a password reset mail',
    'member.sessions_ended': 'Support logged you out on every device',
    'member.login_id_notice_sent': 'Support sent you a mail with your login ID',
    'member.unlinked':
      'Support ended the link to your health insurance society (you can register your card again)',
    empty: 'There are no views or actions yet.',
    unknownNote: 'If you do not recognise a view or an action, please contact us.',
    inquiry: 'Contact us',
    retry: 'Try again',
    toCheckups: 'View checkup results',
  },
)

/** An ISO time in Japan's time zone, in the UI language. */
function when(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return dateFormat(lang(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(date)
}

/** /account/access-log — who read the member's health data and when (GET /api/account/access-log). */
export default function AccessLog() {
  return (
    <Page title={s('title')}>
      <RequireMember>{() => <Log />}</RequireMember>
    </Page>
  )
}

function Log() {
  const [reads, setReads] = createSignal<AccessLogEntry[]>()
  const [failure, setFailure] = createSignal<ApiError>()
  const load = async () => {
    setFailure(undefined)
    const result = await api.accessLog()
    if (result.ok) setReads(result.data.reads)
    else if (result.error.code === 'unauthenticated') setMember(null)
    else setFailure(result.error)
  }
  onMount(load)

  const actor = (entry: AccessLogEntry) =>
    entry.actor === 'member' ? s('member') : entry.actor === 'staff' ? s('staff') : s('other')

  const what = (action: string) =>
    action === 'health.read'
      ? s('read')
      : (MEMBER_VISIBLE_ACTIONS as readonly string[]).includes(action)
        ? s(action as (typeof MEMBER_VISIBLE_ACTIONS)[number])
        : action

  return (
    <Switch fallback={<Loading />}>
      <Match when={failure()}>
        {(error) => <LoadFailed message={error().message} retryLabel={s('retry')} onRetry={load} />}
      </Match>
      <Match when={reads()}>
        {(list) => (
          <>
            <p>{s('intro')}</p>
            <Show when={list().length > 0} fallback={<Notice kind="info">{s('empty')}</Notice>}>
              <table class="data-table">
                <caption class="visually-hidden">{s('caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s('at')}</th>
                    <th scope="col">{s('actor')}</th>
                    <th scope="col">{s('action')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(entry) => (
                      <tr>
                        <th scope="row">
                          <time datetime={entry.at}>{when(entry.at)}</time>
                        </th>
                        <td>{actor(entry)}</td>
                        <td>{what(entry.action)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <p class="note">
              {s('unknownNote')} <a href="/inquiry?type=other">{s('inquiry')}</a>
            </p>
            <p>
              <a href="/checkups">{s('toCheckups')}</a>
            </p>
          </>
        )}
      </Match>
    </Switch>
  )
}
