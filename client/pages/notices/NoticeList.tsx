import { useNavigate } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { call } from '../../lib/api'
import { dateFormat, defineStrings, lang } from '../../lib/i18n'
import './styles.css'

export const noticeWords = defineStrings(
  {
    results: '新しい健診結果が届きました',
    code_reissued: '健診閲覧コードが再発行されました',
    inquiry_reply: 'お問い合わせへの回答が届きました',
    unread: '未読',
    read: '既読',
    examOf: '{date}受診分',
  },
  {
    results: 'New checkup results have arrived',
    code_reissued: 'Your viewing code has been re-issued',
    inquiry_reply: 'We have answered your inquiry',
    unread: 'Unread',
    read: 'Read',
    examOf: 'checkup of {date}',
  },
)

export interface NoticeItem {
  id: string
  kind: 'results' | 'code_reissued' | 'inquiry_reply'
  link: string
  at: string
  readAt: string | null
}

const when = (iso: string) =>
  dateFormat(lang(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(
    new Date(iso),
  )

/**
 * Which checkup a results notice is about, from its link (`/checkups/2026-06-10`): the date tells two
 * notices apart and is no result (the list is shown to the logged-in member only; mails and pushes
 * carry no date in their words).
 */
const examOf = (notice: NoticeItem) => {
  const m = notice.kind === 'results' ? /^\/checkups\/(\d{4}-\d{2}-\d{2})$/.exec(notice.link) : null
  if (!m) return null
  const date = dateFormat(lang(), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(m[1]))
  return noticeWords('examOf', { date })
}

/** Only the app's own paths are followed (a notice's link is written by the server, but still). */
const appPath = (link: string) => (/^\/(?!\/)[\w\-/.?=&#]*$/.test(link) ? link : '/notices')

/**
 * お知らせ, newest first. An unread one says 未読 in words beside a ● (not colour alone); opening one
 * marks it read on the server, then follows its link.
 */
export function NoticeList(props: { notices: NoticeItem[]; headingLevel?: 'h2' | 'h3' }) {
  const navigate = useNavigate()
  const open = async (event: MouseEvent, notice: NoticeItem) => {
    event.preventDefault()
    await call('$post', '/api/notices/:id/read', { param: { id: notice.id } })
    navigate(appPath(notice.link))
  }
  return (
    <ul class="notice-list">
      <For each={props.notices}>
        {(notice) => (
          <li class={notice.readAt ? 'notice-list__item' : 'notice-list__item is-unread'}>
            <a href={appPath(notice.link)} onClick={(e) => void open(e, notice)}>
              <span class="notice-list__state">
                {notice.readAt ? (
                  <span class="visually-hidden">{noticeWords('read')}</span>
                ) : (
                  <>
                    <span aria-hidden="true">● </span>
                    {noticeWords('unread')}
                  </>
                )}
              </span>
              <span class="notice-list__text">
                {noticeWords(notice.kind)}
                <Show when={examOf(notice)}>
                  {(exam) => <span class="nowrap">({exam()})</span>}
                </Show>
              </span>
              <time class="notice-list__at" datetime={notice.at}>
                {when(notice.at)}
              </time>
            </a>
          </li>
        )}
      </For>
    </ul>
  )
}
