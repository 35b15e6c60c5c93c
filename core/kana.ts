/**
 * Katakana names (氏名カナ). Members type their name in whatever their keyboard gives (half-width
 * kana, hiragana left unconverted, a hyphen for the long vowel, a full-width or double space),
 * while the insurer's roster holds one spelling. These functions bring both to one form, so that
 * matching compares the name and not the typing; small kana stay significant (ヤ ≠ ャ), since they
 * spell a different name.
 *
 * Whole-string NFKC is not applied first on purpose: it turns a spacing voiced mark (゛) into a
 * space plus a combining mark, which space removal would then glue to a random kana. Kana are
 * converted here first, and NFKC only tidies what is left.
 */

/** Half-width katakana and punctuation, U+FF61–U+FF9D; NFKC maps each to its full-width form. */
const HALF_WIDTH_KANA_FIRST = 0xff61
const HALF_WIDTH_KANA_LAST = 0xff9d
/** Hiragana ぁ–ゖ and the iteration marks ゝゞ sit exactly 0x60 below their katakana. */
const HIRAGANA_FIRST = 0x3041
const HIRAGANA_LAST = 0x3096
const HIRAGANA_ITERATION_FIRST = 0x309d
const HIRAGANA_ITERATION_LAST = 0x309e
const HIRAGANA_TO_KATAKANA = 0x60

/** Voiced (dakuten) and semi-voiced (handakuten) marks: half-width, spacing and combining. */
const VOICED = new Set(['\uff9e', '\u309b', '\u3099'])
const SEMI_VOICED = new Set(['\uff9f', '\u309c', '\u309a'])
const COMBINING_VOICED = '\u3099'
const COMBINING_SEMI_VOICED = '\u309a'

/** Hyphens and dashes that people type for the long vowel mark ー. */
const DASHES = '\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\ufe63\uff70'
/** A dash right after a katakana or ー is a long vowel (after, not only between: ハリ- ends so). */
const LONG_VOWEL_DASH = new RegExp(`(?<=[\\u30a1-\\u30fa\\u30fc])[${DASHES}]+`, 'gu')
/** Every kind of space: ASCII, U+3000, NBSP, tabs, … */
const SPACES = /\s+/gu
/** Invisible characters pasted with a name from a document: zero-width space, BOM, joiners. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/gu
const IDEOGRAPHIC_SPACE = '\u3000'

/** One word of a name: a katakana (not ー) then katakana or ー. */
const KATAKANA_WORD = '[\\u30a1-\\u30fa][\\u30a1-\\u30fa\\u30fc]*'
/** Words of katakana separated by single full-width spaces: the stored form of a name. */
const KATAKANA_NAME = new RegExp(`^${KATAKANA_WORD}(?:\\u3000${KATAKANA_WORD})*$`, 'u')

/**
 * Half-width katakana → full-width (ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ) and hiragana → katakana. A voiced or
 * semi-voiced mark (half-width, spacing ゛゜ or combining) is joined to the kana before it when
 * that kana has a voiced form; otherwise it is kept, as a full-width mark. Nothing else changes.
 */
export function toFullWidthKatakana(text: string): string {
  const out: string[] = []
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (VOICED.has(char) || SEMI_VOICED.has(char)) {
      const combining = VOICED.has(char) ? COMBINING_VOICED : COMBINING_SEMI_VOICED
      const last = out.length > 0 ? out[out.length - 1] : ''
      const joined = (last + combining).normalize('NFC')
      if (last !== '' && [...joined].length === 1) out[out.length - 1] = joined
      else out.push(char === '\uff9e' ? '\u309b' : char === '\uff9f' ? '\u309c' : char)
    } else if (code >= HALF_WIDTH_KANA_FIRST && code <= HALF_WIDTH_KANA_LAST) {
      out.push(char.normalize('NFKC'))
    } else if (
      (code >= HIRAGANA_FIRST && code <= HIRAGANA_LAST) ||
      (code >= HIRAGANA_ITERATION_FIRST && code <= HIRAGANA_ITERATION_LAST)
    ) {
      out.push(String.fromCodePoint(code + HIRAGANA_TO_KATAKANA))
    } else {
      out.push(char)
    }
  }
  return out.join('')
}

/**
 * A name as it is shown and stored: full-width katakana, dashes after a kana turned into ー,
 * other compatibility forms folded by NFKC, and each run of spaces made one full-width space
 * (the usual separator of family and given name), trimmed.
 */
export function formatKanaName(text: string): string {
  return toFullWidthKatakana(text.replace(ZERO_WIDTH, ''))
    .normalize('NFKC')
    .replace(LONG_VOWEL_DASH, (dashes) => '\u30fc'.repeat(dashes.length))
    .replace(SPACES, IDEOGRAPHIC_SPACE)
    .replace(/^\u3000|\u3000$/gu, '')
}

/**
 * The name as matched: the stored form without any space, so 「ケンコウ　タロウ」, 「ｹﾝｺｳ ﾀﾛｳ」
 * and 「けんこう たろう」 are one name. Small kana are kept as they are.
 */
export function normalizeKanaName(text: string): string {
  return nameKeyOf(formatKanaName(text))
}

/** normalizeKanaName of a name formatKanaName already formatted (the roster import's hot path). */
export function nameKeyOf(formatted: string): string {
  return formatted.replace(SPACES, '')
}

/**
 * Whether a name is what the 氏名(フルネーム・全角カナ) field accepts once formatted: katakana
 * words (ー allowed, not as a first letter) separated by spaces, nothing else — no kanji, Latin
 * letters, digits or ・. Half-width kana and hiragana pass, since formatting converts them.
 */
export function isKatakanaName(text: string): boolean {
  return isFormattedKatakanaName(formatKanaName(text))
}

/** isKatakanaName of a name formatKanaName already formatted. */
export function isFormattedKatakanaName(formatted: string): boolean {
  return KATAKANA_NAME.test(formatted)
}
