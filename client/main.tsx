import { render } from 'solid-js/web'
import { App } from './App'
import { lang, languageReady } from './lib/i18n'
import { listenForInstallOffer } from './lib/install-offer'
import { registerServiceWorker } from './lib/service-worker'
/*
 * Kenshin Portal — mobile first (360 px phones up), then wider screens. Colours meet WCAG AA
 * (text ≥ 4.5:1, borders and focus ≥ 3:1); state is never shown by colour alone (icons and words).
 *
 * The base, one stylesheet linked by index.html for every screen, in this cascade order: the tokens
 * and elements, the shell, the page blocks, forms, buttons, the tables two journeys share, wider
 * screens and preferences, print. A journey's own styles are in its folder (client/pages/<journey>/)
 * and a component's beside it (components/Stepper.css), imported by its modules, so each comes with
 * its chunk: Vite's preload waits for a chunk's stylesheet before the screen is drawn. Those
 * stylesheets load after the base: a rule here that must win over one of theirs says so there again.
 */
import './styles/base.css'
import './styles/shell.css'
import './styles/blocks.css'
import './styles/forms.css'
import './styles/buttons.css'
import './styles/tables.css'
import './styles/media.css'
import './styles/print.css'

// Drawn once the chosen language's strings are here (at once for Japanese), never in the wrong one.
void languageReady.then(() => {
  document.documentElement.lang = lang()
  render(() => <App />, document.getElementById('app')!)
})
listenForInstallOffer()
registerServiceWorker()
