/**
 * An insurer's data being moved to another database holds its writes for a moment: the API answers
 * 503 `insurer_busy` with `Retry-After` (docs/scale.md). The write was refused whole, so sending it
 * again is safe: this waits as asked (at most 5 s a time) and sends again, a few times, before
 * handing the answer to the screen.
 */
export const BUSY_TRIES = 6
const MAX_WAIT_MS = 5_000

export async function retryWhileBusy(
  send: () => Promise<Response>,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const response = await send()
    const after = response.headers.get('Retry-After')
    if (response.status !== 503 || after === null || attempt >= BUSY_TRIES) return response
    const seconds = Number(after)
    await wait(
      Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_WAIT_MS) : 1000,
    )
  }
}
