/**
 * What an import tells the person running it when it stops: a message key (the `import` audience of
 * core/i18n.ts, or any other catalogue's for an error the caller's `post` threw) and its parameters.
 * The command line wraps it in its OpsError (same key and parameters, with an exit code); the console
 * shows it in the staff member's language. Never a stack trace.
 */
import { t, type Lang, type MessageKey, type MessageParams } from '../i18n.ts'

export class ImportError extends Error {
  key: MessageKey
  params: MessageParams

  constructor(key: MessageKey, params: MessageParams = {}) {
    super(t('en', key, params))
    this.name = 'ImportError'
    this.key = key
    this.params = params
  }

  text(lang: Lang): string {
    return t(lang, this.key, this.params)
  }
}

/** Any failure as an ImportError: one already is (the CLI's OpsError included), anything else is internal. */
export function asImportError(err: unknown): ImportError {
  if (err instanceof ImportError) return err
  return new ImportError('import_internal', { message: (err as Error)?.message ?? String(err) })
}
