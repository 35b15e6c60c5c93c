import { Page } from '../components/Page'
import { defineStrings } from '../lib/i18n'

const s = defineStrings(
  {
    title: 'ページが見つかりません',
    text: 'お探しのページは見つかりませんでした。URLが正しいかご確認ください。',
    top: 'トップページへ',
  },
  {
    title: 'Page not found',
    text: 'The page you are looking for was not found. Please check the URL.',
    top: 'Go to the top page',
  },
)

/** Any path the app does not know. */
export default function NotFound() {
  return (
    <Page title={s('title')}>
      <p>{s('text')}</p>
      <p>
        <a href="/">{s('top')}</a>
      </p>
    </Page>
  )
}
