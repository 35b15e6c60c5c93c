import { describe, expect, it } from 'vitest'
import { INQUIRY_TYPES } from './inquiry.ts'
import { canMove, maskEmail } from './inquiry-console.ts'
import { fillReply, REPLY_TEMPLATES } from './inquiry-replies.ts'

describe('the console’s inquiry rules', () => {
  it('allows 新規→対応中→回答済→完了, back from 回答済 to 対応中, and nothing from 完了', () => {
    expect(canMove('new', 'in_progress')).toBe(true)
    expect(canMove('in_progress', 'answered')).toBe(true)
    expect(canMove('answered', 'in_progress')).toBe(true)
    expect(canMove('answered', 'closed')).toBe(true)
    expect(canMove('new', 'answered')).toBe(false)
    expect(canMove('new', 'new')).toBe(false)
    for (const to of ['new', 'in_progress', 'answered', 'closed'] as const)
      expect(canMove('closed', to)).toBe(false)
  })

  it('masks an address to its first letter and domain', () => {
    expect(maskEmail('taro@example.jp')).toBe('t***@example.jp')
    expect(maskEmail('a@b.c')).toBe('a***@b.c')
    expect(maskEmail('no-at-sign')).toBe('***')
  })

  it('has a template per type and language, whose placeholders all fill', () => {
    for (const type of INQUIRY_TYPES)
      for (const lang of ['ja', 'en'] as const) {
        const template = REPLY_TEMPLATES.find((t) => t.type === type && t.lang === lang)!
        expect(template.id).toBe(`${type}.${lang}`)
        const text = fillReply(template, {
          name: 'ケンコウ　タロウ',
          receiptNo: '20261207-7KQ3-M9XA',
        })
        expect(text).toContain('20261207-7KQ3-M9XA')
        expect(text).toContain('ケンコウ　タロウ')
        expect(text).not.toMatch(/\{\w+\}/)
      }
  })
})
