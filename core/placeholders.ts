/** The values of a message's `{name}` placeholders. */
export type MessageParams = Record<string, string | number>

/**
 * `{name}` placeholders filled from `params`; a placeholder without a value is left as written (so a
 * missing parameter shows, rather than an empty gap). The one filler of core's, the app's and the
 * command line's messages; a module of its own, so the browser takes it without the catalogues.
 */
export function fill(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  )
}
