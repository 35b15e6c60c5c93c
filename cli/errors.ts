/**
 * The command line's errors: what the operator is told (a message key of core/i18n.ts and its parameters)
 * and the exit code. Never shown with a stack trace.
 */
import { t, type Lang, type MessageKey, type MessageParams } from './i18n.ts'

/** An error meant for the operator, with its exit code (1 fatal, 2 usage, 130 interrupted). */
export class OpsError extends Error {
  key: MessageKey
  params: MessageParams
  exitCode: number

  constructor(key: MessageKey, params: MessageParams = {}, exitCode = 1) {
    super(t('en', key, params))
    this.name = 'OpsError'
    this.key = key
    this.params = params
    this.exitCode = exitCode
  }

  text(lang: Lang): string {
    return t(lang, this.key, this.params)
  }
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
