import { catalogues } from '../../lib/catalogues'
import { addLazyEnglish } from '../../lib/i18n'

let staff: Promise<void> | undefined

/**
 * Fetches the staff console's messages once (core/messages/staff.*) into the browser's catalogue, with
 * the console's chunk: no member's screen ever downloads them. The English when English is shown.
 */
export function loadStaffMessages(): Promise<void> {
  staff ??= import('../../../core/messages/staff.ja').then(
    ({ staffJa }) => {
      Object.assign(catalogues.ja, staffJa)
      return addLazyEnglish(() =>
        import('../../../core/messages/staff.en').then((module) => module.staffEn),
      )
    },
    () => void (staff = undefined),
  )
  return staff
}
