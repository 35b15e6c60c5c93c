import { ui } from '../lib/i18n'
import { acceptInstallOffer } from '../lib/install-offer'
import './InstallPrompt.css'

/**
 * アプリをインストール, shown by Layout while the browser offers to install the app
 * (lib/install-offer.ts), and fetched only then. An ordinary button: reachable by keyboard, its
 * meaning in its text and icon, not in colour.
 */
export default function InstallPrompt() {
  return (
    <div class="install-prompt">
      <button
        type="button"
        class="button button--secondary install-prompt__button"
        onClick={() => void acceptInstallOffer()}
      >
        <svg
          class="install-prompt__icon"
          viewBox="0 0 24 24"
          width="20"
          height="20"
          aria-hidden="true"
        >
          <path
            d="M12 3v11m0 0-4.5-4.5M12 14l4.5-4.5M4 16v4h16v-4"
            fill="none"
            stroke="currentColor"
            stroke-width="2.2"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </svg>
        {ui('installApp')}
      </button>
    </div>
  )
}
