import { Page } from '../../components/Page'
import { defineStrings } from '../../lib/i18n'
import { Notice } from '../../components/Notice'

const s = defineStrings(
  {
    title: 'お問い合わせ',
    soon: 'お問い合わせフォームは近日公開予定です。',
    faqLead: 'よくあるご質問への回答は、よくある質問のページをご覧ください。',
    faq: 'よくある質問',
    hoursHeading: 'お客様サポート',
    hours: '受付時間:10時〜18時(平日)',
    loginId:
      'ログインID(メールアドレス)をお忘れの方は、お問い合わせフォームの公開後に「ログインについて」からご連絡ください。ご本人様確認のうえお調べします。',
  },
  {
    title: 'Contact us',
    soon: 'The contact form will be available soon.',
    faqLead: 'For answers to common questions, please see the FAQ.',
    faq: 'FAQ',
    hoursHeading: 'Customer support',
    hours: 'Hours: 10:00–18:00 (weekdays)',
    loginId:
      'If you have forgotten your login ID (email address), please contact us under "About logging in" once the form is available. We will look it up after confirming your identity.',
  },
)

/** お問い合わせ: placeholder until the inquiry form (journey 8) ships. */
export default function Inquiry() {
  return (
    <Page title={s('title')}>
      <Notice kind="info">{s('soon')}</Notice>
      <p>{s('loginId')}</p>
      <p>
        {s('faqLead')} <a href="/faq">{s('faq')}</a>
      </p>
      <h2>{s('hoursHeading')}</h2>
      <p>{s('hours')}</p>
    </Page>
  )
}
