import { createResource, createRoot } from 'solid-js'
import { staffApi, whenSignedOut, type StaffAnswer } from './api'
import { can as roleCan, type Capability } from '../../../core/staff'

export type StaffProfile = StaffAnswer<'/api/ops/session', '$get'>['staff']

/**
 * The signed-in staff member of this browser (GET /api/ops/session), or null. Read once when the
 * console opens; set at log-in, cleared at sign-out or when an answer says the session ended.
 */
const [staffMember, { mutate, refetch }] = createRoot(() =>
  createResource(async () => {
    const result = await staffApi('$get', '/api/ops/session')
    return result.ok ? result.data.staff : null
  }),
)

export { staffMember, refetch as reloadStaff }
export const setStaffMember = (value: StaffProfile | null) => mutate(value)

whenSignedOut(() => mutate(null))

/** Whether the signed-in staff member's role has a capability (the Worker checks it again). */
export function can(capability: Capability): boolean {
  const s = staffMember()
  return !!s && roleCan(s.role, capability)
}

export async function signOut(): Promise<void> {
  await staffApi('$delete', '/api/ops/session')
  mutate(null)
}
