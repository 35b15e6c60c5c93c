/**
 * How many bytes a string takes in UTF-8, counted without encoding it. Database and body limits are
 * in bytes (D1 refuses a bound value over 2,000,000), while a JavaScript string's length counts
 * UTF-16 units: a kana is one unit but three bytes. A lone surrogate counts as U+FFFD (three bytes),
 * as TextEncoder writes it.
 */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}
