import { catalogues } from '../../lib/catalogues'
import { addLazyEnglish } from '../../lib/i18n'

let inquiry: Promise<void> | undefined

/**
 * Fetches お問い合わせ's messages once (its field errors, types and statuses) into the browser's
 * catalogue, as loadStrengthMessages does for the meter: here, with the page, so that neither the
 * shell nor any other screen's first load carries them. The English when English is shown.
 */
export function loadInquiryMessages(): Promise<void> {
  inquiry ??= import('../../../core/messages/inquiry.ja').then(
    ({ inquiryJa }) => {
      Object.assign(catalogues.ja, inquiryJa)
      return addLazyEnglish(() =>
        import('../../../core/messages/inquiry.en').then((module) => module.inquiryEn),
      )
    },
    () => void (inquiry = undefined),
  )
  return inquiry
}
