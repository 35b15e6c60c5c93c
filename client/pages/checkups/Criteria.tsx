import { For, Show } from 'solid-js'
import {
  CHECKUP_ITEMS,
  groupOrder,
  ITEM_GROUPS,
  itemById,
  type CheckupItem,
} from '../../../core/checkup-items'
import { gradeRange, gradeResult, LATEST_TABLE } from '../../../core/grading'
import type { Grade, GradingTable, Sex } from '../../../core/grading-tables'
import { t } from '../../../core/i18n'
import { displayUnit } from '../../../core/units'
import { ButtonLink, Page } from '../../components/Page'
import { RequireMember } from '../../components/RequireMember'
import { lang, longDate } from '../../lib/i18n'
import { GradeBadge, GradeLegend, GRADES } from './GradeBadge'
import { r } from './results-strings'
import { s } from './strings'
import { Notice } from '../../components/Notice'
import './shared.css'
import './criteria.css'

type CriteriaRow = { item: CheckupItem; sex?: Sex }

/** Every graded item of a table, in journey 6's group order; one row per sex where they differ. */
function criteriaRows(table: GradingTable): CriteriaRow[] {
  const catalogue = new Map(CHECKUP_ITEMS.map((item, index) => [item.id, index]))
  const items = Object.keys(table.rules)
    .map((id) => itemById(id))
    .filter((item): item is CheckupItem => item !== undefined)
    .sort(
      (a, b) =>
        groupOrder(a.group) - groupOrder(b.group) ||
        (catalogue.get(a.id) ?? 0) - (catalogue.get(b.id) ?? 0),
    )
  return items.flatMap((item) => {
    const bySex = (sex: Sex) => [
      ...GRADES.map((grade) => gradeRange(item.id, grade, sex, table)),
      JSON.stringify(gradeResult({ itemId: item.id, value: null, sex }, table).thresholds ?? null),
    ]
    const differs = bySex(1).some((cell, index) => cell !== bySex(2)[index])
    return differs
      ? [
          { item, sex: 1 as const },
          { item, sex: 2 as const },
        ]
      : [{ item }]
  })
}

/** A cell the table leaves empty: a dash, read as 「該当なし」. */
function Missing() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span class="visually-hidden">{r('notApplicable')}</span>
    </>
  )
}

/** Whether a cell's row is one the sources disagree on (docs/data-formats.md "verify"). */
function needsCheck(
  table: GradingTable,
  itemId: string,
  grade: Grade,
  sex: Sex | undefined,
): boolean {
  return table.rules[itemId].bands.some(
    (band) =>
      band.grade === grade &&
      band.verify &&
      (band.sex === undefined || sex === undefined || band.sex === sex),
  )
}

/**
 * /checkups/criteria — 判定基準の一覧: the current table's ranges of A, B, C and D for every graded
 * item (per sex where they differ) and the MHLW thresholds, one table per group with row and
 * column headers. It is reference material, but like every checkup screen it needs a linked card.
 */
export default function Criteria() {
  const table = LATEST_TABLE
  const rows = criteriaRows(table)
  const groups = ITEM_GROUPS.map((group) => ({
    group,
    rows: rows.filter((row) => row.item.group === group.id),
  })).filter((entry) => entry.rows.length > 0)
  const thresholdsOf = (row: CriteriaRow) =>
    gradeResult({ itemId: row.item.id, value: null, sex: row.sex ?? 1 }, table).thresholds
  const anyCheck = rows.some(
    (row) =>
      GRADES.some((grade) => needsCheck(table, row.item.id, grade, row.sex)) ||
      thresholdsOf(row)?.guidance.verify ||
      thresholdsOf(row)?.referral.verify,
  )

  const itemText = (row: CriteriaRow) => {
    const name = lang() === 'en' ? row.item.nameEn : row.item.nameJa
    return row.sex
      ? r('criteriaItem', { item: name, sex: row.sex === 1 ? r('male') : r('female') })
      : name
  }

  return (
    <Page title={r('criteriaTitle')} class="page--wide">
      <RequireMember>
        {(member) => (
          <Show
            when={member.linked}
            fallback={
              <>
                <Notice kind="info">{s('notLinked')}</Notice>
                <p>
                  <ButtonLink href="/card">{s('registerCard')}</ButtonLink>
                </p>
              </>
            }
          >
            <p>{r('criteriaIntro')}</p>
            <GradeLegend />
            <ul class="bullets">
              <li>{r('criteriaSource', { date: longDate(table.effectiveFrom, lang()) })}</li>
              <li>{r('criteriaMhlw', { edition: table.mhlw.edition })}</li>
              <li>{r('criteriaRounding')}</li>
              <li>{r('criteriaUngraded')}</li>
            </ul>
            <For each={groups}>
              {(entry) => {
                const headingId = `criteria-${entry.group.id}`
                return (
                  <section>
                    <h2 id={headingId}>
                      {lang() === 'en' ? entry.group.nameEn : entry.group.nameJa}
                    </h2>
                    <div
                      class="table-scroll"
                      role="region"
                      tabindex="0"
                      aria-labelledby={headingId}
                    >
                      <table class="data-table criteria-table" aria-labelledby={headingId}>
                        <thead>
                          <tr>
                            <th scope="col">{r('colItem')}</th>
                            <For each={GRADES}>
                              {(grade) => (
                                <th scope="col">
                                  <GradeBadge grade={grade} />
                                </th>
                              )}
                            </For>
                            <th scope="col">{t(lang(), 'grade.mhlw.guidance')}</th>
                            <th scope="col">{t(lang(), 'grade.mhlw.referral')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          <For each={entry.rows}>
                            {(row) => {
                              const thresholds = thresholdsOf(row)
                              return (
                                <tr>
                                  <th scope="row">
                                    {itemText(row)}
                                    <Show when={row.item.unit}>
                                      <span class="criteria-table__unit">
                                        {' '}
                                        ({displayUnit(row.item.unit)})
                                      </span>
                                    </Show>
                                  </th>
                                  <For each={GRADES}>
                                    {(grade) => (
                                      <td>
                                        <Show
                                          when={gradeRange(row.item.id, grade, row.sex ?? 1, table)}
                                          fallback={<Missing />}
                                        >
                                          {(range) => (
                                            <>
                                              {range()}
                                              <Show
                                                when={needsCheck(
                                                  table,
                                                  row.item.id,
                                                  grade,
                                                  row.sex,
                                                )}
                                              >
                                                {r('verifyMark')}
                                              </Show>
                                            </>
                                          )}
                                        </Show>
                                      </td>
                                    )}
                                  </For>
                                  <td>
                                    <Show when={thresholds} fallback={<Missing />}>
                                      {(found) => (
                                        <>
                                          {found().guidance.text}
                                          <Show when={found().guidance.verify}>
                                            {r('verifyMark')}
                                          </Show>
                                        </>
                                      )}
                                    </Show>
                                  </td>
                                  <td>
                                    <Show when={thresholds} fallback={<Missing />}>
                                      {(found) => (
                                        <>
                                          {found().referral.text}
                                          <Show when={found().referral.verify}>
                                            {r('verifyMark')}
                                          </Show>
                                        </>
                                      )}
                                    </Show>
                                  </td>
                                </tr>
                              )
                            }}
                          </For>
                        </tbody>
                      </table>
                    </div>
                  </section>
                )
              }}
            </For>
            <Show when={anyCheck}>
              <p class="note">
                {r('verifyMark')} {t(lang(), 'grade.verify')}
              </p>
            </Show>
            <p>
              <a href="/checkups">{r('backToResults')}</a>
            </p>
          </Show>
        )}
      </RequireMember>
    </Page>
  )
}
