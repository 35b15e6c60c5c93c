import { DocPage, type Doc } from './Doc'
import './styles.css'

const ja: Doc = {
  title: 'よくある質問',
  updated: '新規登録と健診閲覧コードについて、よくいただくご質問にお答えします。',
  sections: [
    {
      heading: '新規登録について',
      blocks: [
        {
          sub: 'Q1. 家族(夫婦)で登録したいのですが、1つのメールアドレスで2人分の会員登録はできますか?',
          blocks: [
            {
              p: 'A1. 会員登録には、お一人様につき1つずつメールアドレスが必要です。例えば、お2人で登録する場合は、メールアドレスが2つ必要です。健診結果という大切な情報を守るため、このような仕様としています。',
            },
          ],
        },
        {
          sub: 'Q2. 会社のメールアドレスでないと登録できませんか?普段使っているプライベートのアドレスで登録したいのですが。',
          blocks: [
            {
              p: 'A2. 登録に使うメールアドレスに制限はありません。プライベートでお使いのメールアドレスでもご利用いただけます。スマートフォンでご覧になる場合は、普段お使いのアドレスがおすすめです。なお、メールアドレスの大文字・小文字は区別しません。',
            },
          ],
        },
        {
          sub: 'Q3. 保険証情報を正しく入力しているはずなのに、照会エラーになって先に進めません。',
          blocks: [
            { p: 'A3. 入力内容に誤りがないのにエラーになる場合は、次の原因が考えられます。' },
            {
              list: [
                [
                  '以前に別のメールアドレスで登録し、保険証情報を照会したことがある:保険証情報の照会は1名につき1回までです。以前のメールアドレスとパスワードでログインしてください。パスワードをお忘れの方は',
                  { href: '/password/forgot', text: 'パスワードの再設定' },
                  'から、メールアドレスをお忘れの方は',
                  { href: '/inquiry?type=login', text: 'お問い合わせ' },
                  'からご連絡ください。',
                ],
                '組合に登録されている情報と一致しない(氏名の表記が異なる、保険証の再発行や異動で番号が変わった、加入したばかり など):組合からのデータ連携に1〜2か月ほどかかる場合があります。お客様サポートにお問い合わせください。',
                'ご所属の組合がメンテナンス中、または利用に制限がある(ご家族の年齢による制限など):お客様サポートにお問い合わせください。',
              ],
            },
          ],
        },
      ],
    },
    {
      heading: '健診閲覧コードについて',
      blocks: [
        {
          sub: 'Q4. 健診閲覧コードのはがきが見当たりません。どうしたらよいですか?',
          blocks: [
            {
              p: [
                'A4. 健診閲覧コードを紛失された場合は、',
                { href: '/inquiry?type=viewing_code', text: 'お問い合わせ' },
                'からお問い合わせの種類「健診閲覧コード(旧パスコード)」を選んでご連絡ください。ご本人様確認のうえ、再発行の手続きを行います。',
              ],
            },
            {
              p: '再発行したコードは組合からはがきでお届けするため、お手元に届くまで半月〜1か月ほどかかります。再発行すると、以前のコードは使えなくなります。',
            },
          ],
        },
      ],
    },
  ],
}

const en: Doc = {
  title: 'FAQ',
  updated: 'Answers to common questions about registering and about the checkup viewing code.',
  sections: [
    {
      heading: 'Registering',
      blocks: [
        {
          sub: 'Q1. Can my spouse and I register two members with one email address?',
          blocks: [
            {
              p: 'A1. Each person needs their own email address. For two people, two addresses are needed. This protects important information such as checkup results.',
            },
          ],
        },
        {
          sub: 'Q2. Do I have to use my work email address? I would like to use my private one.',
          blocks: [
            {
              p: 'A2. Any email address can be used, including a private one. If you will read your results on a smartphone, the address you use every day is a good choice. Upper and lower case in the address are treated the same.',
            },
          ],
        },
        {
          sub: 'Q3. I am sure my insurance card details are right, but the check fails and I cannot continue.',
          blocks: [
            {
              p: 'A3. If the check fails although the details are right, the cause may be one of these:',
            },
            {
              list: [
                [
                  'You registered before with another email address and your card was checked then: a card can be checked once per person. Please log in with the earlier address and password. If you have forgotten the password, use ',
                  { href: '/password/forgot', text: 'Reset your password' },
                  '; if you have forgotten the address, please ',
                  { href: '/inquiry?type=login', text: 'contact us' },
                  '.',
                ],
                "The details do not match your insurer's records (a different spelling of your name, a new number after a card re-issue or a move, or you joined recently): it can take one to two months for your insurer's data to arrive. Please contact customer support.",
                'Your insurer is under maintenance or limits who may use the Service (for example, by the age of dependants): please contact customer support.',
              ],
            },
          ],
        },
      ],
    },
    {
      heading: 'The checkup viewing code',
      blocks: [
        {
          sub: 'Q4. I cannot find the postcard with my checkup viewing code. What should I do?',
          blocks: [
            {
              p: [
                'A4. Please ',
                { href: '/inquiry?type=viewing_code', text: 'contact us' },
                ' and choose "Checkup viewing code" as the kind of inquiry. After confirming your identity, we will re-issue the code.',
              ],
            },
            {
              p: 'The new code is sent by your insurer on a postcard, which takes two weeks to a month to arrive. Once a code is re-issued, the old one no longer works.',
            },
          ],
        },
      ],
    },
  ],
}

/** よくある質問: the manual's Q1–Q4, adapted to this service. */
export default function Faq() {
  return <DocPage docs={{ ja, en }} />
}
