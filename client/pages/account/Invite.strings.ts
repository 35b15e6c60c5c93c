import { defineStrings } from '../../lib/i18n'

/** 招待コード's words, Japanese and English. */
export const s = defineStrings(
  {
    title: '招待コード',
    intro:
      'ご家族やお知り合いにKenshin Portalを紹介するときは、この招待コードをお伝えください。登録のときに入力されると、あなたからの招待として記録されます。',
    yourCode: 'あなたの招待コード',
    copy: '招待コードをコピーする',
    copied: '招待コードをコピーしました。',
    copyFailed: 'コピーできませんでした。招待コードを選択しましたので、手動でコピーしてください。',
    joined: 'この招待コードで登録した方:{count}人',
    notViewingCode:
      '招待コードは、健診結果を見るときに入力する「健診閲覧コード」(ハガキでお届けしたもの)とは別のものです。健診閲覧コードは、ほかの人に教えないでください。',
    noEffect:
      '招待コードは、どなたの紹介で登録したかを記録するためのもので、ほかの効果はありません。',
    retry: 'もう一度読み込む',
    toHome: 'アカウント設定に戻る',
  },
  {
    title: 'Invitation code',
    intro:
      'When you tell family or friends about Kenshin Portal, give them this invitation code. If they enter it when signing up, it is recorded that you invited them.',
    yourCode: 'Your invitation code',
    copy: 'Copy the invitation code',
    copied: 'The invitation code was copied.',
    copyFailed: 'The code could not be copied. It is now selected: please copy it yourself.',
    joined: 'People who signed up with this code: {count}',
    notViewingCode:
      'The invitation code is not the viewing code (the code on the postcard that you enter to see your checkup results). Never give your viewing code to anyone.',
    noEffect: 'The invitation code only records who invited whom. It has no other effect.',
    retry: 'Try again',
    toHome: 'Back to account settings',
  },
)
