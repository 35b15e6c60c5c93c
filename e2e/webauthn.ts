import type { BrowserContext, Page } from 'playwright-core'

/**
 * Chromium's virtual authenticator (CDP WebAuthn): a platform authenticator with discoverable
 * credentials and user verification, answering by itself (automatic presence).
 */
export async function withAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
  return { cdp, authenticatorId }
}

/**
 * A browser without the passkey autofill (conditional mediation) while a cookie says so: the virtual
 * authenticator answers a conditional request at once, which would log in on every visit to the
 * log-in screen. A cookie, not localStorage: log-out's Clear-Site-Data empties the storage.
 */
export async function allowAutofillSwitch(page: Page) {
  await page.addInitScript(() => {
    if (document.cookie.split('; ').includes('e2e-no-autofill=1'))
      Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', {
        value: async () => false,
      })
  })
}

/** Turns the browser's passkey autofill off (or on again) for the next pages of `page`. */
export async function autofill(page: Page, on: boolean) {
  const context = page.context()
  if (on) await context.clearCookies({ name: 'e2e-no-autofill' })
  else
    await context.addCookies([
      { name: 'e2e-no-autofill', value: '1', url: new URL(page.url()).origin },
    ])
  await page.reload()
}

/** 追加する on /account/passkeys with `name`. */
export async function addPasskey(page: Page, name: string) {
  await page.goto('/account/passkeys')
  await page.getByRole('heading', { level: 1, name: 'パスキー' }).waitFor()
  await page.getByLabel('パスキーの名前', { exact: true }).fill(name)
  await page.getByRole('button', { name: '追加する', exact: true }).click()
  await page.getByText(`パスキー「${name}」を追加しました。`).waitFor()
}
