/**
 * The command line's errors: what the operator is told (a message key of core/i18n.ts and its parameters)
 * and the exit code. Never shown with a stack trace.
 */
import { ImportError } from '../core/import/errors.ts'
import type { Lang, MessageKey, MessageParams } from './i18n.ts'

/**
 * An error meant for the operator, with its exit code (1 fatal, 2 usage, 130 interrupted). An ImportError
 * (core/import/errors.ts) with an exit code: what the shared importers throw is one once wrapped
 * (`opsError`), and what the CLI's own parts throw into them (the API client, the file adapters) passes
 * through them unchanged.
 */
export class OpsError extends ImportError {
  exitCode: number

  constructor(key: MessageKey, params: MessageParams = {}, exitCode = 1) {
    super(key, params)
    this.name = 'OpsError'
    this.exitCode = exitCode
  }
}

/** The importers' failure as the command line reports it: an interruption exits 130 with its own hint,
 * an unexpected error says how to see more; anything else keeps its key and parameters (exit 1). */
export function opsError(err: ImportError): OpsError
export function opsError(err: ImportError | null): OpsError | null
export function opsError(err: ImportError | null): OpsError | null {
  if (err === null || err instanceof OpsError) return err
  if (err.key === 'import_stopped') return new OpsError('import_interrupted', {}, 130)
  if (err.key === 'import_internal') return new OpsError('internal_error', err.params)
  return new OpsError(err.key, err.params)
}

/** A usage error (exit 2): shown with a pointer to the command's help (`command`, '' for the main help). */
export class UsageError extends OpsError {
  command: string

  constructor(key: MessageKey, params: MessageParams = {}, command = '') {
    super(key, params, 2)
    this.name = 'UsageError'
    this.command = command
  }
}

/** A file that cannot be opened or read: a folder, or the system's reason (ENOENT, EACCES …). */
export function fileError(file: string, err: unknown): OpsError {
  const code = (err as { code?: string } | null)?.code
  if (code === 'EISDIR') return new OpsError('file_is_directory', { file })
  return new OpsError('file_unreadable', {
    file,
    reason: code ?? String((err as Error)?.message ?? err),
  })
}

/** "エラー: …" / "Error: …": how a failure is shown on stderr. */
export function errorLine(lang: Lang, error: OpsError): string {
  return `${lang === 'ja' ? 'エラー' : 'Error'}: ${error.text(lang)}`
}
