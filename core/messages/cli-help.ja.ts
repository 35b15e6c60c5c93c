/**
 * The command line's help texts in Japanese (`npm run ops -- … --help`), one per command and group: printed
 * as they stand. Apart from cli.ja.ts for their size. Keys: part of `CliMessageKey`.
 */
export const cliHelpJa = {
  help_main: `Kenshin Portal 運用コマンド

使い方: npm run ops -- <コマンド> [オプション]

コマンド:
  whoami                  トークンの持ち主を表示します
  insurer list            保険者の一覧
  insurer create          保険者を作成します(管理者)
  insurer set <番号>      保険者の設定を変更します
  roster import <ファイル> 名簿 CSV を取り込みます
  checkups import <ファイル> 健診結果(CSV、XML、zip)を取り込みます
  codes issue             閲覧コードを発行し、はがきの印刷用ファイルに書き出します
  codes reissue           指定した方に閲覧コードを再発行します
  codes status            閲覧コードの発行状況
  dev totp <メール>       開発用スタッフの今の確認コード(TOTP)を表示します(開発サーバーのみ)
  staff bootstrap         最初のプラットフォーム管理者を作ります

共通オプション:
  --url <URL>             接続先(既定: 環境変数 KENSHIN_URL、なければ http://localhost:8787)
  --token <トークン>      API トークン(既定: 環境変数 KENSHIN_TOKEN)
  --as admin|operator     開発サーバーでどちらの開発用トークンを使うか(既定: admin)
  --lang ja|en            表示言語(既定: 日本語。LANG が en で始まるときは英語)
  --json                  結果を JSON で出力します
  -q, --quiet             進捗と結果の表示を省きます(エラーは表示します)
  -h, --help              使い方を表示します

http://localhost:8787 などローカルの開発サーバーにはトークンなしで接続できます
(npm start が書き出す .wrangler/state/dev-ops-tokens.json を読みます。場所は KENSHIN_DEV_TOKENS で変更可)。

例:
  npm run ops -- whoami
  npm run ops -- insurer list
  npm run ops -- roster import --insurer 06139992 名簿.csv
  npm run ops -- checkups import --insurer 06139992 健診結果.zip
  npm run ops -- codes issue --insurer 06139992 --out はがき-2026.csv
  KENSHIN_URL=https://kenshin.example KENSHIN_TOKEN=… npm run ops -- insurer list --json`,

  help_whoami: `使い方: npm run ops -- whoami [--json]

トークンの持ち主(名前、役割、担当の保険者)と接続先を表示します。

例:
  npm run ops -- whoami
  npm run ops -- whoami --as operator`,

  help_insurer: `使い方: npm run ops -- insurer <list|create|set> [オプション]

  insurer list              保険者の一覧(担当者は自分の保険者のみ)
  insurer create …          保険者を作成します(管理者)
  insurer set <番号> …      保険者の設定を変更します

詳しくは npm run ops -- insurer <サブコマンド> --help`,

  help_insurer_list: `使い方: npm run ops -- insurer list [--json]

保険者の一覧を表で表示します。--json で API と同じ形の JSON を出力します。

例:
  npm run ops -- insurer list
  npm run ops -- insurer list --json`,

  help_insurer_create: `使い方: npm run ops -- insurer create --number <保険者番号> --name <名称> [オプション]

保険者を作成します(管理者のみ)。

  --number <番号>             保険者番号(8 桁、市町村国保は 6 桁。検証番号はサーバーが確かめます)
  --name <名称>               保険者の名称
  --insured-only              本人(被保険者)だけが利用できます
  --dependent-max-age <歳>    家族(被扶養者)が利用できる年齢の上限
  --maintenance               メンテナンス中として作成します
  --database <名前>           置く保険者データベース(省略時は、保険者のいちばん少ない稼働中のもの)
  --cidr <範囲,…>             許可 IP 範囲: ここからの利用者には画像認証を出しません(CIDR、カンマ区切り。
                              繰り返し指定も可。IPv4 は /16、IPv6 は /32 より広い範囲は不可)
  --failure-limit <回数>      許可 IP 範囲からの 1 時間の失敗がこの回数に達すると画像認証に戻します(1〜1000、既定 20)
  --json                      作成した保険者を JSON で出力します

--cidr と --failure-limit はプラットフォーム管理者だけが指定できます(変更は監査ログに残ります)。

例:
  npm run ops -- insurer create --number 06139992 --name 'デモ健康保険組合'
  npm run ops -- insurer create --number 06139992 --name 'デモ健康保険組合' --dependent-max-age 18 \\
      --cidr 203.0.113.0/24,2001:db8::/32 --failure-limit 20`,

  help_insurer_set: `使い方: npm run ops -- insurer set <保険者番号> [オプション]

保険者の設定を変更します。指定した項目だけが変わります。

  --name <名称>                      名称
  --insured-only on|off              本人だけが利用できる
  --dependent-max-age <歳>|none      家族が利用できる年齢の上限(none で上限なし)
  --maintenance on|off               メンテナンス中
  --maintenance-message <文章>       メンテナンス中に会員に表示する案内(500 文字まで。'' で標準の文言)
  --maintenance-until <日時>|none    メンテナンスの終了予定。オフセット付きの日時(例: 2026-12-24T18:00+09:00)
                                     で指定します(会員には日本時間で表示。none か '' で消去)
  --cidr <範囲,…>|none               許可 IP 範囲を置き換えます(none で範囲なし。IPv4 は /16、IPv6 は /32 まで)
  --failure-limit <回数>             許可 IP 範囲からの 1 時間の失敗の上限(1〜1000)
  --json                             変更後の保険者を JSON で出力します

--cidr と --failure-limit はプラットフォーム管理者だけが変更できます(担当者には 403。変更は監査ログに残ります)。

例:
  npm run ops -- insurer set 06139992 --maintenance on --maintenance-until 2026-12-24T18:00+09:00 \\
      --maintenance-message '12月24日18時まで、システムの点検のためご利用いただけません'
  npm run ops -- insurer set 06139992 --maintenance off --maintenance-until none --maintenance-message ''
  npm run ops -- insurer set 06139992 --dependent-max-age none --cidr none`,

  help_roster: `使い方: npm run ops -- roster import --insurer <保険者番号> <ファイル>

詳しくは npm run ops -- roster import --help`,

  help_roster_import: `使い方: npm run ops -- roster import --insurer <保険者番号> [--batch <行数>] <ファイル>

名簿 CSV を取り込みます(個人識別番号ごとに追加・更新。同じファイルを何度取り込んでも結果は同じです)。

  --insurer <番号>    取り込み先の保険者番号
  --batch <行数>      1 回に送る行数(1〜2000、既定 1000)
  --json              結果を JSON で出力します
  -q, --quiet         進捗と結果を表示しません(エラーは表示し、終了コードは同じ)

ファイル: UTF-8(BOM あり・なし)か Shift_JIS(自動判別)、改行は LF か CRLF、1 行目は見出し(日本語か英語)。
ファイルは少しずつ読むので、100 万行でもメモリは一定です。列の数が違う行などのエラーは行番号つきで表示し、
すべてを <ファイル名>.rejected.csv に書き出します(UTF-8 BOM 付き)。エラーの行があっても、他の行は取り込まれます。
途中で止めても、同じコマンドをもう一度実行すれば重複も欠落もなく取り込めます。

終了コード: 0 取り込み完了(エラーの行があっても)、1 取り込めなかった(接続、権限、ファイル)、2 使い方の誤り

例:
  npm run ops -- roster import --insurer 06139992 名簿.csv
  npm run ops -- roster import --insurer 06139992 --batch 500 roster-2026.csv`,

  help_checkups: `使い方: npm run ops -- checkups import --insurer <保険者番号> <ファイル>

詳しくは npm run ops -- checkups import --help`,

  help_checkups_import: `使い方: npm run ops -- checkups import --insurer <保険者番号> [--batch <件数>] <ファイル>

健診結果を取り込みます。ファイルは次のどれかです(拡張子で、なければ中身で判別します)。
  健診結果 CSV(.csv)         1 行に 1 項目。個人識別番号で名簿の方と照合します
  特定健診情報ファイル(.xml)  DATA/h….xml 1 件。保険証の記号・番号・枝番と生年月日で照合します
  zip アーカイブ(.zip)        中の DATA/h….xml をすべて(索引、集計、請求、XSD は読み飛ばします)

  --insurer <番号>    取り込み先の保険者番号
  --batch <件数>      1 回に送る健診の数(1〜500、既定 200)
  --json              結果を JSON で出力します
  -q, --quiet         進捗と結果を表示しません(エラーは表示し、終了コードは同じ)

名簿を先に取り込んでください(名簿にいない方の健診はエラーになります)。同じ方・同じ受診日の健診は丸ごと
置き換わり、同じファイルを何度取り込んでも結果は同じです。結果に 1 つでもエラーがある健診は取り込みません。
CSV でエラーの行がある健診も送りません(保存済みの健診を欠けたもので置き換えないため)。エラーは行番号、
ファイル名、項目コードつきで表示し、すべてを <ファイル名>.rejected.csv に書き出します(UTF-8 BOM 付き)。
途中で止めても、同じコマンドをもう一度実行すれば重複も欠落もなく取り込めます。

終了コード: 0 取り込み完了(エラーの健診があっても)、1 取り込めなかった(接続、権限、ファイル)、2 使い方の誤り、
130 中断

例:
  npm run ops -- checkups import --insurer 06139992 健診結果.csv
  npm run ops -- checkups import --insurer 06139992 1310000001_06139992_202606101_1.zip`,
  help_codes: `使い方: npm run ops -- codes <issue|reissue|status> --insurer <保険者番号> [オプション]

  codes issue --out <ファイル> …              閲覧コードのない方全員に発行し、印刷用ファイルに書き出します
  codes reissue --person <個人識別番号> …    指定した方に再発行します(古いコードは無効になります)
  codes status                               発行状況を表示します

詳しくは npm run ops -- codes <サブコマンド> --help`,

  help_dev: `使い方: npm run ops -- dev totp <メールアドレス>

  dev totp <メール>    開発用スタッフ(README)の今の確認コード(6桁)を表示します`,

  help_dev_totp: `使い方: npm run ops -- dev totp <メールアドレス> [--url <URL>] [--json]

開発用スタッフ(README の開発用ログイン一覧)の今の確認コード(TOTP、6桁)を、開発サーバーの時計で
表示します。スタッフログイン(http://localhost:8787/staff)の確認コードに入力してください。
ローカルの開発サーバーでだけ使えます。

例:
  npm run ops -- dev totp support@staff.kenshin.example`,

  help_codes_issue: `使い方: npm run ops -- codes issue --insurer <保険者番号> --out <ファイル> [--force]

閲覧コードのない名簿の方全員に健診閲覧コードを発行し、はがきの印刷用ファイルに書き出します。

  --insurer <番号>    保険者番号
  --out <ファイル>    印刷用ファイル(CSV、UTF-8 BOM 付き、Excel で開けます)
  --force             既にある --out のファイルを上書きします(発行した閲覧コードがあるときだけ)
  --json              結果を JSON で出力します(閲覧コードそのものは出力しません)
  -q, --quiet         進捗と結果を表示しません(エラーは表示し、終了コードは同じ)

1 回の要求で 50 件ずつ、発行する方がいなくなるまで繰り返します(1 件あたり 0.1〜0.3 秒ほど)。
列: 個人識別番号, 保険者番号, 記号, 番号, 枝番, 氏名カナ, 郵便番号, 住所, 健診閲覧コード, 発行日(日本時間)。

大切: 閲覧コードはこのファイルにしかありません(サーバーには照合用の値しか残りません)。発行した閲覧コードは
届くたびにファイルに書き出し、ファイルを閉じてから確定します(確定するまでは使えません)。途中で止めたときは
書き出した分を確定します。ファイルに書き出せなかったときや応答を受け取れなかったときは、この回の閲覧コードを
すべて無効にしてファイルを削除します(該当の方は再発行待ちに戻ります)。ファイルは、はがきの印刷が終わるまで
必ず保管してください。そのため、既にあるファイルは --force を付けない限り上書きしません。続きを発行するときは別の
--out を指定してください。同じ保険者で同時に 2 つ実行しないでください。

終了コード: 0 発行完了、1 失敗(接続、権限、ファイル)、2 使い方の誤り、130 中断

例:
  npm run ops -- codes issue --insurer 06139992 --out はがき-2026.csv`,

  help_codes_reissue: `使い方: npm run ops -- codes reissue --insurer <保険者番号> --person <個人識別番号> [--person …] --out <ファイル> [--force]

指定した方に閲覧コードを再発行し(それまでの閲覧コードは使えなくなります)、印刷用ファイルに書き出します。
はがきの紛失、閲覧コードのロックなどのときに使います。

  --insurer <番号>          保険者番号
  --person <個人識別番号>   再発行する方(繰り返し指定、またはカンマ区切り)
  --out <ファイル>          印刷用ファイル(codes issue と同じ形式)
  --force                   既にある --out のファイルを上書きします
  --json                    結果を JSON で出力します(閲覧コードそのものは出力しません)
  -q, --quiet               進捗と結果を表示しません

名簿にない個人識別番号は表示しますが(JSON では notFound)、他の方の再発行は行います(終了コード 0)。
閲覧コードはこのファイルにしかありません。印刷が終わるまで保管してください。

終了コード: 0 完了、1 失敗(接続、権限、ファイル)、2 使い方の誤り、130 中断

例:
  npm run ops -- codes reissue --insurer 06139992 --person D0000 --out 再発行-D0000.csv`,

  help_codes_status: `使い方: npm run ops -- codes status --insurer <保険者番号> [--json]

閲覧コードの発行状況を表示します: 有効な閲覧コードの数(うち利用済み、ロック中)と、閲覧コードのない方の数。

例:
  npm run ops -- codes status --insurer 06139992
  npm run ops -- codes status --insurer 06139992 --json`,

  help_staff: `使い方: npm run ops -- staff <bootstrap> [オプション]

  staff bootstrap --email <メール> --name <氏名>   最初のプラットフォーム管理者を作ります

詳しくは npm run ops -- staff <サブコマンド> --help`,

  help_staff_bootstrap: `使い方: KENSHIN_BOOTSTRAP_SECRET=… npm run ops -- staff bootstrap --email <メール> --name <氏名> [--url <URL>]

最初のプラットフォーム管理者を作り、その人に招待メール(パスワードと認証アプリの設定、7日間有効)を送ります。
プラットフォーム管理者がまだいないときだけ使えます。API トークンは不要です。

初期設定用の秘密の値は、環境変数 KENSHIN_BOOTSTRAP_SECRET から読みます(Worker の STAFF_BOOTSTRAP_SECRET と同じ値)。
シェルの履歴やプロセス一覧に残らないよう、オプションでは指定できません。

  --email <メール>    管理者のメールアドレス(ログインID)
  --name <氏名>       管理者の氏名
  --url <URL>         接続先(既定: 環境変数 KENSHIN_URL、なければ http://localhost:8787)
  --json              結果を JSON で出力します

例:
  KENSHIN_BOOTSTRAP_SECRET=… npm run ops -- staff bootstrap --url https://kenshin.example --email admin@example.jp --name "管理 太郎"`,

  staff_bootstrap_no_secret:
    '環境変数 KENSHIN_BOOTSTRAP_SECRET に初期設定用の秘密の値を設定してください',
  staff_bootstrap_unreachable: '{url} に接続できませんでした({reason})',
  staff_bootstrap_done: 'プラットフォーム管理者を作成しました。{email} に招待メールを送りました。',
  staff_bootstrap_exists:
    'プラットフォーム管理者はすでにいます。スタッフの追加はコンソールの「スタッフ」から招待してください',
  staff_bootstrap_off: 'サーバーに STAFF_BOOTSTRAP_SECRET が設定されていません',
  staff_bootstrap_refused: '初期設定用の秘密の値が一致しません',
  staff_bootstrap_failed: '作成できませんでした(HTTP {status}): {message}',
  // issue 14, compact
  help_checkups_compact: `使い方: npm run ops -- checkups compact [--insurer <保険者番号>] [--json]

以前の形式(JSON)で保存されている健診結果を、小さい保存形式に書き換えます(プラットフォーム管理者のみ)。
保険者データベースごとに 100 件ずつ、行番号の順に進みます。書き換えるのは読んだときのままの行だけで、
その間に取り込み直された健診はそのままにします。途中で止めても、もう一度実行すれば残りを書き換えます。
書き換え済みの行には何もしません。画面と API に出る結果は変わりません。

  --insurer <番号>    この保険者の健診だけ(その健診のあるデータベースだけ)
  --json              結果を JSON で出力します`,
  // issue 14, F
  help_shards: `使い方: npm run ops -- shards <list|add-database|move|status|confirm|abort> [オプション]

  shards list                                       保険者データベース、対応表(シャードマップ)、最近の移動
  shards add-database --name <DB名> --kind <種類>   新しい保険者データベースを登録(d1、または --database-url 付きの libsql)
  shards move --insurer <保険者番号> --to <DB名>    保険者を別のデータベースへ移動(--from-fy N: N 年度以降の健診結果のみ)
  shards status --insurer <保険者番号>              最新の移動の状況
  shards confirm --insurer <保険者番号>             切り替え済みの移動の旧コピーを削除
  shards abort --insurer <保険者番号>               切り替え前の移動を中止`,
  help_shards_list: `使い方: npm run ops -- shards list [--json]

保険者データベースの一覧、各保険者(と年度の範囲)を持つデータベース、最近の移動を表示します。プラットフォーム管理者のみ。`,
  help_shards_add_database: `使い方: npm run ops -- shards add-database --name <DB名> --kind d1|libsql [--database-url <URL>] [--json]

新しい保険者データベースを、Worker が開けることを確かめてからディレクトリに登録します(状態: active)。プラットフォーム管理者のみ。先にデータベースを作り(wrangler d1 create、または libSQL サーバー)、マイグレーションし(npm run db:migrate)、D1 ならバインディング DB_<NAME> を wrangler.toml に追加してデプロイ、libSQL ならトークン LIBSQL_TOKEN_<NAME>(なければ LIBSQL_AUTH_TOKEN)をシークレットに設定してください。

  --name <DB名>            英小文字で始まり、英小文字・数字・_ が続く2〜31文字(D1 のバインディングは DB_<NAME>)
  --kind d1|libsql         Cloudflare D1 か libSQL(sqld、Turso)
  --database-url <URL>     libsql のみ: libsql://・https://・http:// の URL(--url は運用 API のアドレスです)`,
  help_shards_move: `使い方: npm run ops -- shards move --insurer <保険者番号> --to <DB名> [--from-fy <年度>] [--json]

旧コピーが読み書きに応じている間にデータをページ単位でコピーし、その保険者の書き込みを一瞬止めて(アプリが再試行します)差分を反映し、全テーブルの件数とチェックサムを照合してから対応表を切り替えます。旧コピーは shards confirm まで読み取り専用で残ります。中断したら同じコマンドで続きから再開します。

  --from-fy <年度>   この年度(4月〜3月)以降の健診結果のみを移動(年度による分割)`,
  help_shards_status: `使い方: npm run ops -- shards status --insurer <保険者番号> [--json]

保険者の最新の移動の段階と、照合結果(両側の各テーブルの件数とチェックサム)を表示します。`,
  help_shards_confirm: `使い方: npm run ops -- shards confirm --insurer <保険者番号> [--json]

切り替え済みの移動の旧コピーとトリガーをページ単位で削除します。切り替えから1分以上たってから実行してください。`,
  help_shards_abort: `使い方: npm run ops -- shards abort --insurer <保険者番号> [--json]

切り替え前の移動を中止します。旧コピーが再び書き込みを受け付け、新しいコピーは削除されます。`,
} as const satisfies Record<string, string>
