import { describe, expect, it } from 'vitest'
import { placeCode, placeName } from './places'

describe('places', () => {
  it('keeps Japan’s prefecture, another country’s code, and nothing unknown', () => {
    expect(placeCode('JP', '13')).toBe('JP-13')
    expect(placeCode('JP', '1')).toBe('JP-01')
    expect(placeCode('JP', '99')).toBe('JP')
    expect(placeCode('JP', undefined)).toBe('JP')
    expect(placeCode('US', 'CA')).toBe('US')
    expect(placeCode('XX', null)).toBeNull()
    expect(placeCode('T1', null)).toBeNull()
    expect(placeCode(undefined, undefined)).toBeNull()
    expect(placeCode('jp; drop', '13')).toBeNull()
  })

  it('names them in the member’s language', () => {
    expect(placeName('JP-13', 'ja')).toBe('東京都')
    expect(placeName('JP-01', 'en')).toBe('Hokkaido, Japan')
    expect(placeName('JP-47', 'ja')).toBe('沖縄県')
    expect(placeName('JP', 'ja')).toBe('日本')
    expect(placeName('JP', 'en')).toBe('Japan')
    expect(placeName('US', 'en')).toBe('United States')
    expect(placeName(null, 'ja')).toBeNull()
    expect(placeName('JP-48', 'ja')).toBeNull()
  })
})
