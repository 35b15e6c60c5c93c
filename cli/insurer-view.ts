/** An insurer as the insurer commands show it: who may use the service, and every setting on a line. */
import { t, type Lang, type MessageKey } from './i18n.ts'
import type { Insurer } from './client.ts'
import { labelled } from './terminal.ts'

export function eligible(lang: Lang, i: Insurer): string {
  if (i.insuredOnly) return t(lang, 'insurer_eligible_insured_only')
  if (i.dependentMaxAge === null || i.dependentMaxAge === undefined)
    return t(lang, 'insurer_eligible_all')
  return t(lang, 'insurer_eligible_age', { age: i.dependentMaxAge })
}

export function cidrList(lang: Lang, i: Insurer): string {
  return i.allowedCidrs?.length ? i.allowedCidrs.join(', ') : t(lang, 'insurer_cidrs_none')
}

export function describeInsurer(lang: Lang, i: Insurer): string[] {
  const rows: [MessageKey, string][] = [
    ['insurer_number', i.number],
    ['insurer_name', i.name],
    ['insurer_eligible', eligible(lang, i)],
    ['insurer_maintenance', t(lang, i.maintenance ? 'on' : 'off')],
    ['insurer_cidrs', cidrList(lang, i)],
    ['insurer_failure_limit', String(i.allowlistFailureLimit)],
  ]
  return labelled(lang, rows)
}

/** After create or set: the insurer as it now stands, or its JSON. */
export function printInsurer(
  ctx: { lang: Lang; values: { json?: unknown; quiet?: unknown }; out: (line: string) => void },
  title: MessageKey,
  insurer: Insurer,
): void {
  if (ctx.values.json) ctx.out(JSON.stringify({ insurer }, null, 2))
  else if (!ctx.values.quiet) {
    ctx.out(t(ctx.lang, title, { number: insurer.number }))
    for (const line of describeInsurer(ctx.lang, insurer)) ctx.out(line)
  }
}
