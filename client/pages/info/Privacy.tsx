import { DocPage, type Doc } from './Doc'
import './styles.css'

const ja: Doc = {
  title: 'プライバシーポリシー',
  updated: '2026年11月制定',
  intro: [
    {
      p: 'Kenshin Portal(以下「本サービス」)の運営者は、個人情報の保護に関する法律その他の法令を守り、会員の個人情報を次のとおり取り扱います。',
    },
  ],
  sections: [
    {
      heading: '1. 取得する情報',
      blocks: [
        {
          list: [
            'メールアドレス、パスワード(元に戻せない形式でのみ保存します)',
            '保険証情報(氏名、生年月日、保険者番号、記号・番号)',
            'ご加入の組合から提供される特定健診結果',
            'お問い合わせの内容',
            'ご利用の記録(アクセス日時、IPアドレス、ご利用の端末の種類など)',
          ],
        },
      ],
    },
    {
      heading: '2. 利用目的',
      blocks: [
        {
          list: [
            'ご本人の確認と会員の管理',
            '特定健診結果の表示',
            'お問い合わせへの対応',
            '不正利用の防止とセキュリティの確保',
            'サービスの改善(個人を特定できないよう統計的に処理した情報に限ります)',
          ],
        },
      ],
    },
    {
      heading: '3. 要配慮個人情報の取扱い',
      blocks: [
        {
          p: '特定健診結果などの健康に関する情報は、個人情報保護法上の「要配慮個人情報」にあたります。本サービスは、これらをご本人の同意のもとで組合から受け取り、ご本人への表示のためにのみ利用します。法令に基づく場合を除き、ご本人の同意なく第三者に提供することはなく、広告に利用することもありません。',
        },
        {
          p: '健診結果の閲覧は、会員ご本人によるものも運営者によるものもすべて記録し、ご本人はご自身のデータの閲覧記録を確認できます。記録やログに健診結果そのものを残すことはありません。',
        },
      ],
    },
    {
      heading: '4. 第三者提供と委託',
      blocks: [
        {
          p: '法令に基づく場合を除き、ご本人の同意なく個人情報を第三者に提供しません。メール配信やサーバーの運用を外部に委託する場合は、契約により安全管理を義務づけ、委託先を監督します。',
        },
      ],
    },
    {
      heading: '5. 安全管理措置',
      blocks: [
        {
          p: '通信の暗号化、パスワードの不可逆なハッシュ化、職員の権限の限定と二要素認証、操作記録の保存などの措置を講じます。',
        },
      ],
    },
    {
      heading: '6. Cookieなど',
      blocks: [
        {
          p: 'ログイン状態を保つためのCookieのみを使用します。広告目的のCookieや外部の行動追跡ツールは使用しません。機械的な不正ログインを防ぐため、Cloudflare Turnstileによる確認を行います。',
        },
      ],
    },
    {
      heading: '7. 開示・訂正・利用停止などのご請求',
      blocks: [
        {
          p: [
            'ご本人からの開示、訂正、利用停止などのご請求には、ご本人様確認のうえ、法令に従って対応します。',
            { href: '/inquiry', text: 'お問い合わせ' },
            'からご連絡ください。',
          ],
        },
      ],
    },
  ],
}

const en: Doc = {
  title: 'Privacy Policy',
  updated: 'Established November 2026',
  intro: [
    {
      p: 'The operator of Kenshin Portal ("the Service") complies with Japan\'s Act on the Protection of Personal Information and other laws, and handles members\' personal information as follows. The Japanese version prevails.',
    },
  ],
  sections: [
    {
      heading: '1. Information we collect',
      blocks: [
        {
          list: [
            'Email address and password (stored only in a form that cannot be reversed)',
            'Insurance card details (name, date of birth, insurer number, symbol and number)',
            'Specific health checkup results provided by your insurer',
            'What you write in inquiries',
            'Records of use (access times, IP addresses, type of device, and so on)',
          ],
        },
      ],
    },
    {
      heading: '2. Purposes of use',
      blocks: [
        {
          list: [
            'Confirming your identity and managing membership',
            'Showing your checkup results',
            'Answering inquiries',
            'Preventing misuse and keeping the Service secure',
            'Improving the Service (only with statistically processed information that identifies no one)',
          ],
        },
      ],
    },
    {
      heading: '3. Special care-required personal information',
      blocks: [
        {
          p: 'Health information such as checkup results is "special care-required personal information" (要配慮個人情報) under the Act. The Service receives it from your insurer with your consent and uses it only to show it to you. Except where the law requires, it is never given to third parties without your consent, and never used for advertising.',
        },
        {
          p: 'Every view of checkup results, by you or by staff, is recorded, and you can see the record of views of your own data. The records and logs never contain the results themselves.',
        },
      ],
    },
    {
      heading: '4. Third parties and contractors',
      blocks: [
        {
          p: 'Except where the law requires, personal information is not given to third parties without your consent. Contractors for e-mail delivery or server operation are bound by contract to keep it safe and are supervised.',
        },
      ],
    },
    {
      heading: '5. Security measures',
      blocks: [
        {
          p: 'We encrypt communication, hash passwords irreversibly, limit staff permissions and require two-factor authentication for staff, and keep records of operations.',
        },
      ],
    },
    {
      heading: '6. Cookies',
      blocks: [
        {
          p: 'We use only the cookie that keeps you logged in. No advertising cookies or third-party tracking tools are used. To prevent automated attacks on logging in, Cloudflare Turnstile checks are used.',
        },
      ],
    },
    {
      heading: '7. Requests for disclosure, correction or suspension',
      blocks: [
        {
          p: [
            'We answer requests for disclosure, correction, suspension of use and so on as the law requires, after confirming your identity. Please ',
            { href: '/inquiry', text: 'contact us' },
            '.',
          ],
        },
      ],
    },
  ],
}

/** プライバシーポリシー (with the handling of 要配慮個人情報). */
export default function Privacy() {
  return <DocPage docs={{ ja, en }} />
}
