import { render } from 'solid-js/web'
import { App } from './App'
import { lang, languageReady } from './lib/i18n'
import { listenForInstallOffer } from './lib/install-offer'
import { registerServiceWorker } from './lib/service-worker'
import './styles.css'

// Drawn once the chosen language's strings are here (at once for Japanese), never in the wrong one.
void languageReady.then(() => {
  document.documentElement.lang = lang()
  render(() => <App />, document.getElementById('app')!)
})
listenForInstallOffer()
registerServiceWorker()
