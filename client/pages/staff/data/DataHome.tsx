import { useSearchParams } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { SelectField } from '../../../components/SelectField'
import { Page } from '../../../components/Page'
import { LoadFailed, Loading } from '../../../components/Status'
import { can, staffMember } from '../session'
import { insurerList } from './parts'
import { s } from './strings'
import './data.css'

/** The screens of one insurer's data, each with what it is for. */
const LINKS = (number: string) => {
  const n = encodeURIComponent(number)
  return [
    { href: `/staff/insurers/${n}/imports`, key: 'imports', hint: 'importsHint', show: true },
    { href: `/staff/insurers/${n}/codes`, key: 'codes', hint: 'codesHint', show: true },
    { href: `/staff/insurers/${n}/history`, key: 'history', hint: 'historyHint', show: true },
    {
      href: '/staff/admin/insurers',
      key: 'settings',
      hint: 'settingsHint',
      show: can('insurer.settings'),
    },
    { href: '/staff/admin/staff', key: 'staffLink', hint: 'staffHint', show: can('staff.manage') },
  ] as const
}

/**
 * 健保組合のデータ (/staff/data): the insurer's imports, codes, history and settings. Insurer staff see their
 * own insurer's links at once; a platform admin chooses the insurer first (a labelled select).
 */
export default function DataHome() {
  const own = () => staffMember()?.insurer ?? null
  const list = insurerList()
  // The chosen insurer is kept in the address (?insurer=), so the back button returns to it.
  const [params, setParams] = useSearchParams<{ insurer?: string }>()
  const chosen = () => params.insurer ?? ''
  const setChosen = (value: string) => setParams({ insurer: value || undefined }, { replace: true })
  const currentInsurer = () => own() ?? (list() ?? []).find((i) => i.number === chosen()) ?? null

  return (
    <Page title={s('dataTitle')}>
      <p>{s('dataLead')}</p>
      <Show when={!own()}>
        <Show
          when={!list.error}
          fallback={
            <LoadFailed
              message={s('loadFailed')}
              retryLabel={s('retry')}
              onRetry={() => location.reload()}
            />
          }
        >
          <Show when={list()} fallback={<Loading />}>
            {(insurers) => (
              <Show when={insurers().length > 0} fallback={<p>{s('noInsurer')}</p>}>
                <div class="data-choose">
                  <p>{s('chooseLead')}</p>
                  <SelectField
                    id="data-insurer"
                    label={s('insurer')}
                    prompt={s('insurerPrompt')}
                    options={insurers().map((i) => ({
                      value: i.number,
                      label: `${i.name}(${i.number})`,
                    }))}
                    value={chosen()}
                    onValue={setChosen}
                  />
                </div>
              </Show>
            )}
          </Show>
        </Show>
      </Show>
      <Show when={currentInsurer()} keyed>
        {(insurer) => (
          <section aria-labelledby="data-links-title">
            <h2 id="data-links-title">
              {s('insurerOf', { name: insurer.name, number: insurer.number })}
            </h2>
            <ul class="staff-links data-links">
              <For each={LINKS(insurer.number).filter((l) => l.show)}>
                {(link) => (
                  <li>
                    <a href={link.href}>
                      <span class="data-links__name">{s(link.key)}</span>
                      <span class="data-links__hint">{s(link.hint)}</span>
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </section>
        )}
      </Show>
    </Page>
  )
}
