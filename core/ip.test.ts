import { describe, expect, it } from 'vitest'
import { cidrProblem, ipCounterKey, ipInCidr, isValidCidr } from './ip'

describe('ipInCidr', () => {
  it.each([
    ['203.0.113.7', '203.0.113.0/24', true],
    ['203.0.114.7', '203.0.113.0/24', false],
    ['10.1.2.3', '10.0.0.0/8', true],
    ['10.1.2.3', '10.1.2.3', true],
    ['2001:db8::1', '2001:db8::/32', true],
    ['2001:db9::1', '2001:db8::/32', false],
    ['::ffff:203.0.113.7', '::ffff:203.0.113.0/120', true],
    ['203.0.113.7', '2001:db8::/32', false],
    ['not-an-ip', '10.0.0.0/8', false],
  ])('%s in %s is %s', (ip, cidr, inside) => {
    expect(ipInCidr(ip, cidr)).toBe(inside)
  })

  it('validates CIDR strings', () => {
    expect(isValidCidr('192.0.2.0/24')).toBe(true)
    expect(isValidCidr('192.0.2.0/33')).toBe(false)
    expect(isValidCidr('2001:db8::/64')).toBe(true)
    expect(isValidCidr('999.0.0.1/8')).toBe(false)
  })

  it('counts IPv6 per /64 and IPv4 per address', () => {
    expect(ipCounterKey('2001:db8:1:2:aaaa::1')).toBe(ipCounterKey('2001:db8:1:2:bbbb::9'))
    expect(ipCounterKey('2001:db8:1:3::1')).not.toBe(ipCounterKey('2001:db8:1:2::1'))
    expect(ipCounterKey('192.0.2.1')).not.toBe(ipCounterKey('192.0.2.2'))
  })
})

describe('cidrProblem (allow-list entries)', () => {
  it.each([
    '203.0.0.0/16',
    '203.0.113.0/24',
    '203.0.113.7',
    '203.0.113.7/32',
    '2001:db8::/32',
    '2001:db8::1',
    '::ffff:203.0.113.0/112',
  ])('accepts %s', (cidr) => expect(cidrProblem(cidr)).toBeNull())

  it.each([
    '0.0.0.0/0',
    '10.0.0.0/8',
    '203.0.0.0/15',
    '::/0',
    '2001:db8::/31',
    '::ffff:0.0.0.0/96',
    '::ffff:203.0.0.0/111',
    '::/32',
    '::/64',
  ])('refuses %s as too wide', (cidr) => expect(cidrProblem(cidr)).toBe('too_wide'))

  it.each([
    '',
    '/16',
    '10.0.0.0/',
    '10.0.0.0/16/8',
    '10.0.0.0/33',
    '2001:db8::/129',
    '10.0.0.0/+16',
    '10.0.0.0/1e1',
    ' 10.0.0.0/16',
    '10.0.0.0 /16',
    '300.0.0.0/16',
    'example.jp/16',
  ])('refuses %j as malformed', (cidr) => expect(cidrProblem(cidr)).toBe('malformed'))
})
