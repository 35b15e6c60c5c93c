import { hc } from 'hono/client'
import type { SignupInput } from '../core/schemas'
import type { AppType, StaffAppType } from './app'

/**
 * Compiled by tsc, never run: the typed clients of `AppType` and `StaffAppType` see each route's
 * path, body and answer, the spliced health reads included. A route that stops typing its answer
 * breaks the build here.
 */
export async function typedClientsCompile(signup: SignupInput) {
  const member = hc<AppType>('/')
  const sent = await (await member.api.signup.$post({ json: signup })).json()
  const minutes: number = sent.linkMinutes
  // @ts-expect-error: the answer has no such field
  void sent.member
  const me = await (await member.api.me.$get()).json()
  const idle: number = me.session.idleSeconds
  const list = await (await member.api.checkups.$get()).json()
  const grades: number = list.checkups[0].grades.A
  const detail = await (
    await member.api.checkups[':examDate'].$get({ param: { examDate: 'latest' } })
  ).json()
  const code: string = detail.checkups[0].results[0].code
  // @ts-expect-error: the operator API is not the member's
  void member.api.ops

  const staff = hc<StaffAppType>('/')
  const whoami = await (await staff.api.ops.whoami.$get()).json()
  const role: string = whoami.staff.role
  // @ts-expect-error: the member API is not the operator's
  void staff.api.signup
  return { minutes, idle, grades, code, role }
}
