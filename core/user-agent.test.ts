import { describe, expect, it } from 'vitest'
import { deviceLabel, describeUserAgent } from './user-agent'

const UA = {
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  iphoneHomeScreen:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  iphoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  androidSamsung:
    'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  windowsChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  windowsEdge:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68',
  macFirefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
  macSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  linuxChromium:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
  chromeOs:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
}

describe('deviceLabel', () => {
  it.each([
    ['iphoneSafari', 'iPhone · Safari'],
    ['iphoneHomeScreen', 'iPhone · Safari'],
    ['iphoneChrome', 'iPhone · Chrome'],
    ['ipad', 'iPad · Safari'],
    ['androidChrome', 'Android · Chrome'],
    ['androidSamsung', 'Android · Samsung Internet'],
    ['windowsChrome', 'Windows · Chrome'],
    ['windowsEdge', 'Windows · Edge'],
    ['macFirefox', 'Mac · Firefox'],
    ['macSafari', 'Mac · Safari'],
    ['chromeOs', 'ChromeOS · Chrome'],
    ['linuxChromium', 'Linux · Chrome'],
  ] as const)('%s reads %s', (key, words) => {
    expect(deviceLabel(UA[key])).toBe(words)
  })

  it('names only the platform when the browser is unknown, and nothing for an unknown agent', () => {
    expect(deviceLabel('Mozilla/5.0 (X11; Linux x86_64) Unknown/1.0')).toBe('Linux')
    expect(deviceLabel('curl/8.5.0')).toBeNull()
    expect(deviceLabel('')).toBeNull()
    expect(deviceLabel(null)).toBeNull()
  })

  it('never echoes versions or anything else from the header', () => {
    const { platform, browser } = describeUserAgent(`${UA.windowsChrome} <script>alert(1)</script>`)
    expect([platform, browser]).toEqual(['Windows', 'Chrome'])
    expect(deviceLabel(UA.windowsChrome)).not.toMatch(/\d/)
  })
})
