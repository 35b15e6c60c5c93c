import { lazyStrings } from '../../lib/i18n'

/**
 * Strings of the results screen, the trend chart and 判定基準の一覧. Grade words, changes and the
 * MHLW threshold names come from core/i18n.ts (`grade.*`), item names from core/checkup-items.ts.
 * Japanese here, English in results-strings.en.ts (fetched only when English is shown): a new key
 * goes in both, and the type check names a missing one.
 */
export const ja = {
  title: '特定健診結果',
  person: '{name} 様',
  intro:
    '受診日を選ぶと、その健診の結果を表示します。判定はA<B<C<Dの順で、基準範囲からの乖離が大きいことを表します。',
  empty: '健診結果はまだありません。健診結果の表示は、受診日から2〜3か月程度かかります。',
  retry: 'もう一度読み込む',
  criteria: '判定基準の一覧',
  print: '印刷する',
  fhir: 'FHIR形式でダウンロード',
  fhirNote: 'すべての健診結果を、医療情報の標準形式(FHIR R4、JSONファイル)で保存します。',
  accessLog: '閲覧履歴',
  checkupTabs: '受診日',
  latest: '最新',
  checkupHeading: '{date}受診の健診結果',
  examDate: '受診日',
  institution: '健診機関',
  noInstitution: '(記載なし)',
  gradedWith: '判定基準',
  gradedWithValue: '{date}改定版',
  summary: '判定の内訳',
  summaryCount: '{count}項目',
  colItem: '項目',
  colResult: '結果',
  colRange: '基準範囲',
  colGrade: '判定',
  colChange: '前回比',
  notPerformed: '未実施',
  notMeasurable: '測定不能',
  below: '測定下限未満',
  above: '測定上限超',
  none: 'なし',
  noPrevious: '前回の結果なし',
  previous: '前回 {grade}',
  reached: '該当',
  showTrend: '推移を見る',
  hideTrend: '推移を閉じる',
  unknownItem: '項目コード {code}',
  meaningFor: '{item}:',
  disclaimer:
    '本サービス上で表示する内容は、あなたの健康状態の判断や疾患の診断をしているものではありません。',
  printedFor: '{name} 様の健診結果',
  offlineCopy: 'オフラインのため、この端末に保存したコピー({time}に読み込み)を表示しています。',
  offlineNotOpened:
    'この健診結果は、この端末でまだ開いていないため、オフラインでは表示できません。インターネットに接続してから、もう一度お試しください。',
  offlineNoCopy:
    'オフラインのため、健診結果を読み込めません。オフラインで表示できるのは、この端末で開いたことのある健診結果だけです。',
  needsNetwork: '(インターネット接続が必要です)',

  trendTitle: '{item}の推移',
  trendSummary: '{item}の推移、{count}回分。{points}。',
  trendPoint: '{date} {value}{unit} 判定{grade}',
  trendNoGrade: '{date} {value}{unit}',
  trendSeparator: '、',
  trendBand: '基準範囲(判定A) {range}',
  trendTable: '数値を表で見る',
  colDate: '受診日',

  male: '男性',
  female: '女性',
  criteriaTitle: '判定基準の一覧',
  criteriaIntro:
    '各健診項目は、次の基準でA〜Dの4段階に判定しています。A<B<C<Dの順で、基準範囲からの乖離が大きいことを表します。',
  criteriaSource:
    '判定区分:日本人間ドック・予防医療学会「判定区分」({date}改定)をもとにしています。',
  criteriaMhlw: '保健指導判定値・受診勧奨判定値:厚生労働省「{edition}」の値です。',
  criteriaRounding: '結果の値は、各項目の表示桁数に四捨五入してから判定します。',
  criteriaUngraded: '身長・体重など、判定の対象でない項目はこの一覧にありません。',
  criteriaItem: '{item}({sex})',
  notApplicable: '該当なし',
  verifyMark: '※',
  backToResults: '健診結果に戻る',
  unknownDate: '{date}の健診結果は見つかりませんでした。最新の健診結果({latest})を表示しています。',
}

export const r = lazyStrings(ja, () => import('./results-strings.en'))
