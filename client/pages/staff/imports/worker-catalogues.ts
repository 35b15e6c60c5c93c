/**
 * The import worker's stand-in for core/catalogues.ts (vite.config.ts `worker.plugins`): the messages the
 * shared importer writes (local rejection reasons, whole-file refusals, the rejection file's header),
 * in both languages, since a worker cannot take the English later as the page does. Nothing else of
 * core's catalogues (member, staff, server messages) enters the worker's chunk.
 */
import type { Catalogues } from '../../../../core/i18n'
import { importEn } from '../../../../core/messages/import.en'
import { importJa } from '../../../../core/messages/import.ja'

export const catalogues: Catalogues = { ja: { ...importJa }, en: { ...importEn } }
