import { DocPage, type Doc } from './Doc'
import './styles.css'

const ja: Doc = {
  title: '会員規約',
  updated: '2026年11月制定',
  intro: [
    {
      p: 'この会員規約(以下「本規約」)は、Kenshin Portal(以下「本サービス」)の利用条件を定めるものです。会員登録を行った方(以下「会員」)は、本規約に同意したものとみなします。',
    },
  ],
  sections: [
    {
      heading: '第1条(本サービスの内容)',
      blocks: [
        {
          p: '本サービスは、健康保険組合などの保険者(以下「組合」)の加入者が、ご自身の特定健診結果などを閲覧するためのサービスです。本サービス上の情報は、医師による診断に代わるものではありません。',
        },
      ],
    },
    {
      heading: '第2条(会員登録)',
      blocks: [
        {
          p: '会員登録は、ご本人が、ご本人のメールアドレスを用いて行うものとします。1つのメールアドレスで登録できるのは1名です。特定健診結果の閲覧には、保険証情報による本人確認が必要です。',
        },
      ],
    },
    {
      heading: '第3条(ログイン情報の管理)',
      blocks: [
        {
          p: '会員は、メールアドレスとパスワードを自己の責任で管理し、第三者に利用させてはなりません。不正に利用されたおそれがある場合は、直ちにパスワードを変更し、お客様サポートにご連絡ください。',
        },
      ],
    },
    {
      heading: '第4条(禁止事項)',
      blocks: [
        { p: '会員は、次の行為をしてはなりません。' },
        {
          list: [
            '他人になりすまして登録し、または利用する行為',
            '他人の健診結果を閲覧しようとする行為',
            '自動化された大量のアクセスなど、本サービスの運営を妨げる行為',
            '法令または公序良俗に反する行為',
          ],
        },
      ],
    },
    {
      heading: '第5条(サービスの変更・停止)',
      blocks: [
        {
          p: '運営者は、保守、障害、組合のメンテナンスその他やむを得ない事由により、事前の通知なく本サービスの全部または一部を停止することがあります。',
        },
      ],
    },
    {
      heading: '第6条(退会)',
      blocks: [
        {
          p: '会員はいつでも退会できます。退会後も、組合が保有する加入者情報と健診データは、組合の管理のもとに残ります。',
        },
      ],
    },
    {
      heading: '第7条(免責)',
      blocks: [
        {
          p: '運営者は、本サービスの利用により会員に生じた損害について、運営者の故意または重大な過失による場合を除き、責任を負いません。',
        },
      ],
    },
    {
      heading: '第8条(規約の変更)',
      blocks: [
        {
          p: '運営者は、必要に応じて本規約を変更できます。重要な変更は、本サービス上またはメールで事前にお知らせします。',
        },
      ],
    },
  ],
}

const en: Doc = {
  title: 'Terms of Membership',
  updated: 'Established November 2026',
  intro: [
    {
      p: 'These Terms of Membership ("Terms") set out the conditions for using Kenshin Portal ("the Service"). By registering, you ("member") agree to these Terms. The Japanese version prevails.',
    },
  ],
  sections: [
    {
      heading: 'Article 1 (The Service)',
      blocks: [
        {
          p: 'The Service lets members of health insurance societies and other insurers ("insurers") view their own specific health checkup results. Information on the Service does not replace a diagnosis by a doctor.',
        },
      ],
    },
    {
      heading: 'Article 2 (Registration)',
      blocks: [
        {
          p: 'You register yourself, with your own email address. One email address can be used by one person only. Viewing checkup results requires an identity check with your insurance card.',
        },
      ],
    },
    {
      heading: 'Article 3 (Your login details)',
      blocks: [
        {
          p: 'You are responsible for your email address and password and must not let anyone else use them. If they may have been misused, change your password at once and contact customer support.',
        },
      ],
    },
    {
      heading: 'Article 4 (Prohibited conduct)',
      blocks: [
        { p: 'You must not:' },
        {
          list: [
            'register or use the Service as someone else;',
            "try to view another person's checkup results;",
            'disturb the operation of the Service, including by automated mass access;',
            'break the law or public order.',
          ],
        },
      ],
    },
    {
      heading: 'Article 5 (Changes and suspension)',
      blocks: [
        {
          p: 'The operator may suspend all or part of the Service without notice for maintenance, failures, maintenance by an insurer, or other unavoidable reasons.',
        },
      ],
    },
    {
      heading: 'Article 6 (Withdrawal)',
      blocks: [
        {
          p: "You may withdraw at any time. After withdrawal, the member records and checkup data held by your insurer stay under the insurer's control.",
        },
      ],
    },
    {
      heading: 'Article 7 (Disclaimer)',
      blocks: [
        {
          p: 'The operator is not liable for damage arising from the use of the Service, except in cases of wilful misconduct or gross negligence by the operator.',
        },
      ],
    },
    {
      heading: 'Article 8 (Changes to these Terms)',
      blocks: [
        {
          p: 'The operator may change these Terms when necessary. Important changes are announced in advance on the Service or by e-mail.',
        },
      ],
    },
  ],
}

/** 会員規約. */
export default function Terms() {
  return <DocPage docs={{ ja, en }} />
}
