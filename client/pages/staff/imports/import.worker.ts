/**
 * The import screen's module Web Worker: a thin shim that hands each message to the job
 * (import-job.ts, where a Node test calls it without a Worker) and posts back what the job says.
 */
import { handleMessage } from './import-job'
import type { FromWorker, ToWorker } from './protocol'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null
  postMessage(message: FromWorker): void
}
scope.onmessage = (event) => handleMessage(event.data, (message) => scope.postMessage(message))
