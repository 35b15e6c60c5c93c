/**
 * Where client/lib/i18n.ts fetches the member app's English from (`import('../../core/messages.en')`);
 * the messages live in core/messages/member.en.ts. Kept only until that import is repointed.
 */
export { memberEn as en } from './messages/member.en.ts'
