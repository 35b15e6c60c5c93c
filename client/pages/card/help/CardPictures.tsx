import { For, type JSX } from 'solid-js'
import { lang } from '../../../lib/i18n'
import { s } from '../strings'
import './pictures.css'

/**
 * The three papers that carry the card details in the マイナ保険証 era, drawn for the app (no real
 * person: 健保 タロウ, 記号 1234, 番号 5678901, 枝番 01, the demo insurer 06139992): the 健康保険証
 * (被保険者証), the 資格確認書 and the 資格情報のお知らせ. The places are marked ① 記号・番号・枝番
 * and ② 保険者番号 with a numbered frame, never by colour alone, and each figure's caption says the
 * same in words (the picture is role="img" with its own label). Loaded only when the help is opened
 * (CardHelp).
 */
export default function CardPictures() {
  return (
    <div class="card-pictures">
      <Figure
        id="card-pic-card"
        label={s('picCardLabel')}
        caption={[s('picCardSymbol'), s('picCardInsurer')]}
        title={s('picCardTitle')}
      >
        <CardFace heading="健康保険被保険者証" sub="本人(被保険者)" />
      </Figure>
      <Figure
        id="card-pic-certificate"
        label={s('picCertLabel')}
        caption={[s('picCertSymbol'), s('picCertInsurer')]}
        title={s('picCertTitle')}
      >
        <CardFace heading="資格確認書" sub="有効期限 令和9年7月31日" />
      </Figure>
      <Figure
        id="card-pic-notice"
        label={s('picNoticeLabel')}
        caption={[s('picNoticeSymbol'), s('picNoticeInsurer')]}
        title={s('picNoticeTitle')}
      >
        <NoticeSheet />
      </Figure>
    </div>
  )
}

function Figure(props: {
  id: string
  title: string
  label: string
  caption: string[]
  children: JSX.Element
}) {
  return (
    <figure class="card-picture" aria-labelledby={`${props.id}-title`}>
      <figcaption>
        <p class="card-picture__title" id={`${props.id}-title`}>
          {props.title}
        </p>
        <ol class="card-picture__where">
          <For each={props.caption}>{(line) => <li>{line}</li>}</For>
        </ol>
      </figcaption>
      <svg
        class="card-picture__svg"
        viewBox="0 0 340 214"
        role="img"
        aria-label={props.label}
        lang="ja"
        xmlns="http://www.w3.org/2000/svg"
      >
        {props.children}
      </svg>
      <p class="note card-picture__note" lang={lang()}>
        {s('picSample')}
      </p>
    </figure>
  )
}

/** A numbered frame around a place on the paper: ① 記号・番号・枝番, ② 保険者番号. */
function Mark(props: { n: 1 | 2; x: number; y: number; w: number; h: number }) {
  return (
    <g class={`mark mark--${props.n}`}>
      <rect
        x={props.x}
        y={props.y}
        width={props.w}
        height={props.h}
        rx="4"
        fill="none"
        stroke-width="2.5"
        stroke-dasharray={props.n === 2 ? '6 3' : undefined}
      />
      <circle cx={props.x} cy={props.y} r="10" />
      <text x={props.x} y={props.y + 4.5} text-anchor="middle" class="mark__n">
        {props.n === 1 ? '1' : '2'}
      </text>
    </g>
  )
}

/** A card (85.6 × 54 mm, drawn 340 × 214): the 保険証 and the 資格確認書 print the same fields. */
function CardFace(props: { heading: string; sub: string }) {
  return (
    <>
      <rect x="1" y="1" width="338" height="212" rx="12" class="paper" />
      <text x="16" y="26" class="heading">
        {props.heading}
      </text>
      <text x="324" y="26" text-anchor="end" class="small">
        {props.sub}
      </text>
      <text x="26" y="56" class="label">
        記号
      </text>
      <text x="56" y="56" class="value">
        1234
      </text>
      <text x="112" y="56" class="label">
        番号
      </text>
      <text x="142" y="56" class="value">
        5678901
      </text>
      <text x="214" y="56" class="label">
        (枝番)
      </text>
      <text x="256" y="56" class="value">
        01
      </text>
      <Mark n={1} x={20} y={38} w={262} h={26} />
      <text x="26" y="88" class="label">
        氏名
      </text>
      <text x="66" y="88" class="value">
        健保 タロウ
      </text>
      <text x="26" y="110" class="label">
        生年月日
      </text>
      <text x="86" y="110" class="value">
        昭和50年1月1日
      </text>
      <text x="26" y="132" class="label">
        資格取得年月日
      </text>
      <text x="122" y="132" class="value">
        令和2年4月1日
      </text>
      <text x="26" y="178" class="label">
        保険者番号
      </text>
      <text x="100" y="178" class="value">
        06139992
      </text>
      <Mark n={2} x={20} y={160} w={160} h={26} />
      <text x="26" y="200" class="small">
        保険者名称 デモ健康保険組合
      </text>
    </>
  )
}

/** The 資格情報のお知らせ: an A4-like sheet (or its cut-out card part) with the same fields in a table. */
function NoticeSheet() {
  const rows: [string, string, number][] = [
    ['氏名', '健保 タロウ', 64],
    ['記号', '1234', 88],
    ['番号', '5678901', 112],
    ['枝番', '01', 136],
    ['保険者番号', '06139992', 178],
  ]
  return (
    <>
      <rect x="1" y="1" width="338" height="212" rx="4" class="paper" />
      <text x="16" y="26" class="heading">
        資格情報のお知らせ
      </text>
      <text x="324" y="26" text-anchor="end" class="small">
        デモ健康保険組合
      </text>
      <text x="16" y="44" class="small">
        マイナ保険証をお持ちの方にお送りしています
      </text>
      <For each={rows}>
        {([label, value, y]) => (
          <>
            <line x1="20" x2="320" y1={y + 8} y2={y + 8} class="rule" />
            <text x="26" y={y} class="label">
              {label}
            </text>
            <text x="124" y={y} class="value">
              {value}
            </text>
          </>
        )}
      </For>
      <Mark n={1} x={20} y={74} w={300} h={74} />
      <Mark n={2} x={20} y={160} w={300} h={26} />
    </>
  )
}
