/**
 * The console's reply templates (issue 11): one per inquiry type and language, with `{name}` (the
 * inquirer's name as typed) and `{receiptNo}` filled by `fill` (core/placeholders.ts). The agent picks
 * one, it fills the reply box, and they edit it before sending; what is mailed is what they sent.
 * The mail adds the 受付番号 and the send-only footer itself (worker/services/mail-templates.ts).
 */
import type { Lang } from './i18n.ts'
import type { InquiryType } from './inquiry.ts'
import { fill } from './placeholders.ts'

export interface ReplyTemplate {
  /** Stable id, stored with the reply (inquiry_events.meta). */
  id: string
  type: InquiryType
  lang: Lang
  title: string
  body: string
}

const JA_OPENING =
  '{name} 様\n\nKenshin Portalへお問い合わせいただき、ありがとうございます。\nお問い合わせ(受付番号 {receiptNo})について、以下のとおりご回答いたします。\n\n'
const JA_CLOSING =
  '\n\nご不明な点がございましたら、お問い合わせフォームから受付番号を添えてご連絡ください。\nKenshin Portal サポート'
const EN_OPENING =
  'Dear {name},\n\nThank you for contacting Kenshin Portal.\nThis is our answer to your inquiry (receipt number {receiptNo}).\n\n'
const EN_CLOSING =
  '\n\nIf you have further questions, please use the inquiry form and quote the receipt number.\nKenshin Portal support'

const BODIES: Record<InquiryType, Record<Lang, { title: string; text: string }>> = {
  signup: {
    ja: {
      title: '新規登録について',
      text: '新規登録では、保険証の記号・番号・氏名(カナ)・生年月日が、ご加入の健康保険組合の名簿と一致する必要があります。\n保険証をお手元にご用意のうえ、記載どおりに入力してもう一度お試しください。\n資格の切り替え直後などで名簿にまだ反映されていない場合は、しばらく時間をおいてお試しください。',
    },
    en: {
      title: 'About signing up',
      text: "To sign up, the card's symbol and number, your name in katakana and your birth date must match your health insurance society's roster.\nPlease try again with your insurance card at hand, typing each field exactly as printed.\nIf your coverage changed recently, the roster may not be updated yet; please try again later.",
    },
  },
  login: {
    ja: {
      title: 'ログインについて',
      text: 'ご本人様の確認ができましたので、ご登録のメールアドレスあてにご案内をお送りしました。\nパスワードをお忘れの場合は、ログイン画面の「パスワードを忘れた方はこちら」から再設定してください。\nセキュリティのため、ご登録のメールアドレスをこのメールでお伝えすることはできません。',
    },
    en: {
      title: 'About logging in',
      text: 'We have confirmed your identity and sent instructions to your registered address.\nIf you have forgotten your password, use "Forgot your password?" on the log-in page to set a new one.\nFor your security, we cannot tell you the registered address in this mail.',
    },
  },
  viewing_code: {
    ja: {
      title: '健診閲覧コード(旧パスコード)について',
      text: '健診閲覧コードを再発行いたしました。新しいコードは、ご加入の健康保険組合からはがきでお届けします。\n再発行前のコードは使えなくなっています。\nはがきが届くまでしばらくお待ちください。',
    },
    en: {
      title: 'About the viewing code',
      text: 'We have re-issued your viewing code. Your health insurance society will send the new code by postcard.\nThe previous code no longer works.\nPlease wait for the postcard to arrive.',
    },
  },
  results: {
    ja: {
      title: '健診結果について',
      text: '健診結果は、健診機関からご加入の健康保険組合に届いたあとで表示されます。受診から表示まで、通常2〜3か月かかります。\n結果の内容については、受診された健診機関またはご加入の健康保険組合にお問い合わせください。',
    },
    en: {
      title: 'About checkup results',
      text: 'Results appear after the clinic has sent them to your health insurance society, usually two to three months after the checkup.\nFor questions about the results themselves, please contact the clinic or your health insurance society.',
    },
  },
  withdrawal: {
    ja: {
      title: '退会について',
      text: '退会は、ログイン後の「アカウント設定」から手続きいただけます。\n退会されると、閲覧履歴などのアカウントの情報は削除され、元に戻すことはできません。',
    },
    en: {
      title: 'About leaving the service',
      text: 'You can close your account from "Account settings" after logging in.\nClosing the account deletes its information, and it cannot be restored.',
    },
  },
  other: {
    ja: { title: 'その他', text: '(回答を記入してください)' },
    en: { title: 'Other', text: '(Write the answer here.)' },
  },
}

/** Every template, ja and en, per type. */
export const REPLY_TEMPLATES: readonly ReplyTemplate[] = Object.entries(BODIES).flatMap(
  ([type, byLang]) =>
    (['ja', 'en'] as const).map((lang) => ({
      id: `${type}.${lang}`,
      type: type as InquiryType,
      lang,
      title: byLang[lang].title,
      body:
        (lang === 'ja' ? JA_OPENING : EN_OPENING) +
        byLang[lang].text +
        (lang === 'ja' ? JA_CLOSING : EN_CLOSING),
    })),
)

export const REPLY_TEMPLATE_IDS = REPLY_TEMPLATES.map((t) => t.id)

/** A template's text with the inquirer's name and 受付番号 filled in. */
export function fillReply(
  template: Pick<ReplyTemplate, 'body'>,
  params: { name: string; receiptNo: string },
): string {
  return fill(template.body, params)
}
