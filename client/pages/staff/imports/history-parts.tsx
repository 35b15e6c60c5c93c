import { isMessageKey, t, type MessageKey } from '../../../../core/i18n'
import { lang } from '../../../lib/i18n'
import type { StaffAnswer } from '../api'
import { count } from '../data/parts'
import { s } from './history-strings'

export type ImportView = StaffAnswer<'/api/ops/insurers/:number/imports/:id', '$get'>['import']

/** 名簿 / 健診結果. */
export const kindName = (i: ImportView) =>
  i.kind === 'roster' ? s('kindRoster') : s('kindCheckups')

/** コンソール / コマンドライン. */
export const sourceName = (i: ImportView) =>
  i.source === 'cli' ? s('sourceCli') : s('sourceConsole')

/** The outcome in words (a sign too: never colour alone). */
export function Outcome(props: { view: ImportView }) {
  const word = () =>
    props.view.outcome === 'complete'
      ? `✓ ${s('outcomeComplete')}`
      : props.view.outcome === 'failed'
        ? `⚠ ${s('outcomeFailed')}`
        : props.view.outcome === 'interrupted'
          ? `⏸ ${s('outcomeInterrupted')}`
          : `… ${s('outcomeRunning')}`
  return (
    <span class={`history-outcome history-outcome--${props.view.outcome ?? 'running'}`}>
      {word()}
    </span>
  )
}

/** Why a failed import stopped: the importer's message when the console has it, else its key. */
export function failureText(i: ImportView): string | null {
  if (!i.failure) return null
  const { key, params } = i.failure
  if (isMessageKey(key))
    return t(lang(), key as MessageKey, params as Record<string, string | number>)
  // A server's refusal of a batch: its error code, worded as the server words it.
  const error = `error.${key}`
  return isMessageKey(error) ? t(lang(), error as MessageKey) : s('failureCode', { key })
}

/** The counts in one line. */
export const summary = (i: ImportView) =>
  s(i.kind === 'roster' ? 'summary' : 'summaryCheckups', {
    read: count(i.totals.rowsRead),
    inserted: count(i.totals.inserted),
    updated: count(i.totals.updated),
    unchanged: count(i.totals.unchanged),
    rejected: count(i.totals.rejected),
  })
