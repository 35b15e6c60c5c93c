import { createSignal } from 'solid-js'
import type { ApiError, ApiResult, CheckupAccessState } from '../../lib/api'
import type { FormErrors } from '../../lib/form'
import { textMsg, type Msg } from '../../lib/messages'
import type { OnApiError } from './Checkups'

/**
 * The 送信する of a one-field step of the identity check (STEP1's viewing code, each session's
 * secret question): the field's own rule first; then the answer leads on (`onState`), or to the
 * session's or the step's screen (`onApiError`), or to a panel that ends the step (a lock: the
 * form goes and the panel takes the focus), or back to the field with the server's words.
 */
export function createStepSubmit<F extends string>(spec: {
  field: F
  check: () => Msg | undefined
  errors: FormErrors<F>
  send: () => Promise<ApiResult<{ state: CheckupAccessState }>>
  /** Once the step is passed: the typed value is not kept. */
  forget: () => void
  onState: (state: CheckupAccessState) => void
  onApiError: OnApiError
  /** The codes of the answers that end the step with a panel. */
  stops: ReadonlySet<string>
  /** The code of a wrong value: its message goes beside the field. */
  wrong: string
  onWrong?: () => void
}) {
  const [busy, setBusy] = createSignal(false)
  const [stop, setStop] = createSignal<ApiError>()
  let panel: HTMLElement | undefined

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (busy()) return
    if (!spec.errors.validate({ [spec.field]: spec.check() } as Partial<Record<F, Msg>>)) return
    setBusy(true)
    const result = await spec.send()
    setBusy(false)
    if (result.ok) {
      spec.forget()
      spec.onState(result.data.state)
      return
    }
    const error = result.error
    if (spec.onApiError(error)) return
    if (spec.stops.has(error.code)) {
      setStop(error)
      setTimeout(() => panel?.focus(), 0)
      return
    }
    if (error.code === spec.wrong) {
      spec.onWrong?.()
      spec.errors.replace({ [spec.field]: textMsg(error.message) } as Partial<Record<F, Msg>>)
    } else {
      spec.errors.fromServer(error)
    }
    spec.errors.focusSummary()
  }

  return {
    busy,
    /** The answer that ended the step, if one did. */
    stop,
    submit,
    /** The panel shown for `stop`, focused when it appears. */
    panelRef: (element: HTMLElement) => void (panel = element),
  }
}
