import { For, Show } from 'solid-js'
import type { Grade } from '../../lib/api'
import { GradeBadge } from './GradeBadge'
import { r } from './results-strings'
import './trend.css'

export type ChartPoint = {
  /** YYYY-MM-DD. */
  date: string
  /** The date as the UI language writes it, for the summary and the table. */
  dateText: string
  value: number
  /** The value as shown on the results (at the item's precision). */
  valueText: string
  grade: Grade | null
}

// The drawing's own coordinates; CSS scales it to the width (viewBox), so nothing is inline styled.
const WIDTH = 360
const HEIGHT = 200
const PAD = { left: 46, right: 18, top: 24, bottom: 30 }
const PLOT_W = WIDTH - PAD.left - PAD.right
const PLOT_H = HEIGHT - PAD.top - PAD.bottom

/** A 1-2-5 step that splits the span into about `count` parts. */
function niceStep(span: number, count: number): number {
  const raw = span / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const fraction = raw / power
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power
}

/** The value axis: the values and grade A's finite edges, widened to round ticks. */
function scale(values: number[], band: { min?: number; max?: number } | undefined) {
  const all = [...values]
  if (band?.min !== undefined) all.push(band.min)
  if (band?.max !== undefined) all.push(band.max)
  let low = Math.min(...all)
  let high = Math.max(...all)
  if (high - low < 1e-9) {
    const pad = Math.abs(high) * 0.1 || 1
    low -= pad
    high += pad
  }
  const step = niceStep(high - low, 4)
  low = Math.floor(low / step) * step
  high = Math.ceil(high / step) * step
  const ticks: number[] = []
  for (let tick = low; tick <= high + step / 2; tick += step) ticks.push(Number(tick.toFixed(10)))
  const decimals = Math.max(0, Math.min(3, -Math.floor(Math.log10(step))))
  return {
    y: (value: number) => PAD.top + PLOT_H - ((value - low) / (high - low)) * PLOT_H,
    low,
    high,
    ticks,
    tickText: (value: number) => value.toFixed(decimals),
  }
}

/** The x positions, evenly spaced oldest to newest, inset so the first and last labels fit. */
function xOf(index: number, count: number): number {
  const inset = 18
  if (count === 1) return PAD.left + PLOT_W / 2
  return PAD.left + inset + (index * (PLOT_W - 2 * inset)) / (count - 1)
}

/** Year labels; where two checkups share a year, the month too. */
function axisLabels(dates: string[]): string[] {
  const years = dates.map((date) => date.slice(0, 4))
  return dates.map((date, index) =>
    years.indexOf(years[index]) !== years.lastIndexOf(years[index])
      ? `${years[index]}/${Number(date.slice(5, 7))}`
      : years[index],
  )
}

/** A grade's marker, the same shape as its GradeBadge (○ △ ▲ ■), so the chart reads without colour. */
function Marker(props: { x: number; y: number; grade: Grade | null }) {
  const size = 5
  const triangle = () =>
    `${props.x},${props.y - size - 1} ${props.x - size - 1},${props.y + size} ${props.x + size + 1},${props.y + size}`
  return (
    <>
      <Show when={props.grade === 'A' || props.grade === null}>
        <circle
          class={`trend__marker trend__marker--${props.grade ?? 'none'}`}
          cx={props.x}
          cy={props.y}
          r={size}
        />
      </Show>
      <Show when={props.grade === 'B' || props.grade === 'C'}>
        <polygon class={`trend__marker trend__marker--${props.grade}`} points={triangle()} />
      </Show>
      <Show when={props.grade === 'D'}>
        <rect
          class="trend__marker trend__marker--D"
          x={props.x - size}
          y={props.y - size}
          width={size * 2}
          height={size * 2}
        />
      </Show>
    </>
  )
}

/**
 * One item over the years: an SVG line with grade A's reference band drawn, every point marked by
 * its grade's shape and labelled with its value. Screen readers get role="img" with a summary of
 * every value; the same data is a table under 数値を表で見る. Drawn here rather than with a chart
 * library: a few hundred bytes, no inline styles (the CSP allows none), print-friendly.
 */
export function TrendChart(props: {
  id: string
  name: string
  unit: string
  points: ChartPoint[]
  band?: { min?: number; max?: number }
  /** Grade A's range as text ('≤129'). */
  bandText?: string | null
}) {
  const axis = () =>
    scale(
      props.points.map((point) => point.value),
      props.band,
    )
  const labels = () => axisLabels(props.points.map((point) => point.date))
  const unitText = () => (props.unit ? ` ${props.unit}` : '')
  const summary = () => {
    const points = props.points
      .map((point) =>
        r(point.grade ? 'trendPoint' : 'trendNoGrade', {
          date: point.dateText,
          value: point.valueText,
          unit: props.unit,
          grade: point.grade ?? '',
        }).trim(),
      )
      .join(r('trendSeparator'))
    const band = props.bandText
      ? ` ${r('trendBand', { range: `${props.bandText}${unitText()}` })}`
      : ''
    return `${r('trendSummary', { item: props.name, count: props.points.length, points })}${band}`
  }
  const band = () => {
    const current = props.band
    if (!current) return undefined
    const { y, low, high } = axis()
    const top = y(Math.min(high, current.max ?? high))
    const bottom = y(Math.max(low, current.min ?? low))
    return bottom - top > 0 ? { top, height: bottom - top } : undefined
  }
  const coordinates = () =>
    props.points.map((point, index) => ({
      x: xOf(index, props.points.length),
      y: axis().y(point.value),
    }))

  return (
    <figure class="trend">
      <figcaption id={`${props.id}-title`} class="trend__title">
        {r('trendTitle', { item: props.name })}
        <Show when={props.unit}>
          <span class="trend__unit">({props.unit})</span>
        </Show>
      </figcaption>
      <svg class="trend__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary()}>
        <Show when={band()}>
          {(area) => (
            <rect
              class="trend__band"
              x={PAD.left}
              y={area().top}
              width={PLOT_W}
              height={area().height}
            />
          )}
        </Show>
        <For each={axis().ticks}>
          {(tick) => (
            <>
              <line
                class="trend__grid"
                x1={PAD.left}
                x2={PAD.left + PLOT_W}
                y1={axis().y(tick)}
                y2={axis().y(tick)}
              />
              <text
                class="trend__tick"
                x={PAD.left - 6}
                y={axis().y(tick)}
                text-anchor="end"
                dominant-baseline="middle"
              >
                {axis().tickText(tick)}
              </text>
            </>
          )}
        </For>
        <line
          class="trend__axis"
          x1={PAD.left}
          x2={PAD.left + PLOT_W}
          y1={PAD.top + PLOT_H}
          y2={PAD.top + PLOT_H}
        />
        <Show when={props.points.length > 1}>
          <polyline
            class="trend__line"
            points={coordinates()
              .map((point) => `${point.x},${point.y}`)
              .join(' ')}
          />
        </Show>
        <For each={props.points}>
          {(point, index) => {
            const at = () => coordinates()[index()]
            return (
              <>
                <Marker x={at().x} y={at().y} grade={point.grade} />
                <text class="trend__value" x={at().x} y={at().y - 10} text-anchor="middle">
                  {point.valueText}
                </text>
                <text class="trend__tick" x={at().x} y={HEIGHT - 10} text-anchor="middle">
                  {labels()[index()]}
                </text>
              </>
            )
          }}
        </For>
      </svg>
      <Show when={props.bandText}>
        <p class="trend__legend">
          <svg class="trend__swatch" viewBox="0 0 16 12" aria-hidden="true">
            <rect class="trend__band" x="0" y="0" width="16" height="12" />
          </svg>
          {r('trendBand', { range: `${props.bandText}${unitText()}` })}
        </p>
      </Show>
      <details class="disclosure trend__data">
        <summary class="disclosure__summary">{r('trendTable')}</summary>
        <table class="data-table">
          <caption class="visually-hidden">{r('trendTitle', { item: props.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{r('colDate')}</th>
              <th scope="col">{r('colResult')}</th>
              <th scope="col">{r('colGrade')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={[...props.points].reverse()}>
              {(point) => (
                <tr>
                  <th scope="row">
                    <time datetime={point.date}>{point.dateText}</time>
                  </th>
                  <td>
                    {point.valueText}
                    {unitText()}
                  </td>
                  <td>
                    <GradeBadge grade={point.grade} />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </details>
    </figure>
  )
}
