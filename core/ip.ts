/** Client IP addresses and allow-listed ranges (CIDR), IPv4 and IPv6, as big integers. */

function parseV4(ip: string): bigint | null {
  const parts = ip.split('.')
  if (parts.length !== 4) return null
  let n = 0n
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null
    n = (n << 8n) | BigInt(p)
  }
  return n
}

function parseV6(ip: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(ip)) return null
  const halves = ip.split('::')
  if (halves.length > 2) return null
  const expand = (s: string): string[] | null => {
    if (s === '') return []
    const groups = s.split(':')
    const last = groups[groups.length - 1]
    if (last.includes('.')) {
      const v4 = parseV4(last)
      if (v4 === null) return null
      groups.splice(-1, 1, ((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16))
    }
    return groups
  }
  const head = expand(halves[0])
  const tail = halves.length === 2 ? expand(halves[1]) : []
  if (!head || !tail) return null
  const fill = 8 - head.length - tail.length
  if ((halves.length === 1 && fill !== 0) || fill < 0) return null
  const groups = [...head, ...Array(halves.length === 2 ? fill : 0).fill('0'), ...tail]
  let n = 0n
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null
    n = (n << 16n) | BigInt(parseInt(g, 16))
  }
  return n
}

export interface ParsedIp {
  version: 4 | 6
  value: bigint
}

export function parseIp(ip: string): ParsedIp | null {
  const v4 = parseV4(ip)
  if (v4 !== null) return { version: 4, value: v4 }
  const v6 = parseV6(ip)
  return v6 === null ? null : { version: 6, value: v6 }
}

/** Is `ip` inside `cidr` ("203.0.113.0/24", "2001:db8::/32")? */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/')
  const a = parseIp(ip)
  const b = parseIp(base)
  if (!a || !b || a.version !== b.version) return false
  const width = a.version === 4 ? 32 : 128
  const bits = bitsText === undefined ? width : Number(bitsText)
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return false
  const shift = BigInt(width - bits)
  return a.value >> shift === b.value >> shift
}

/**
 * The widest allow-listed range (docs/security.md): IPv4 /16, IPv6 /32. An IPv4 range written as IPv6
 * (::ffff:a.b.c.d, RFC 4291's mapped form) is held to the IPv4 width, /112, so it cannot stand for
 * all of IPv4 either.
 */
export const WIDEST_PREFIX = { v4: 16, v6: 32, v4Mapped: 96 + 16 } as const

const V4_MAPPED = { value: 0xffffn << 32n, bits: 96 }

export type CidrProblem = 'malformed' | 'too_wide'

/**
 * Why an allow-list entry is refused, or null: an address with an optional /prefix (a bare address is
 * one host), nothing else around it, no wider than WIDEST_PREFIX.
 */
export function cidrProblem(cidr: string): CidrProblem | null {
  const parts = cidr.split('/')
  if (parts.length > 2) return 'malformed'
  const p = parseIp(parts[0])
  if (!p) return 'malformed'
  const width = p.version === 4 ? 32 : 128
  if (parts.length === 2 && !/^\d{1,3}$/.test(parts[1])) return 'malformed'
  const bits = parts.length === 2 ? Number(parts[1]) : width
  if (bits > width) return 'malformed'
  return bits < widestPrefixOf(p, bits) ? 'too_wide' : null
}

/**
 * The widest prefix allowed for the range `p`/`bits`: IPv4's, or IPv6's unless the range overlaps
 * the IPv4-mapped block (::/32 holds all of ::ffff:0:0/96), which is held to the IPv4 width.
 */
function widestPrefixOf(p: ParsedIp, bits: number): number {
  if (p.version === 4) return WIDEST_PREFIX.v4
  const common = BigInt(128 - Math.min(bits, V4_MAPPED.bits))
  return p.value >> common === V4_MAPPED.value >> common ? WIDEST_PREFIX.v4Mapped : WIDEST_PREFIX.v6
}

/** A well-formed CIDR (or bare address), whatever its width. */
export function isValidCidr(cidr: string): boolean {
  return cidrProblem(cidr) !== 'malformed'
}

/** The counter key of an address: IPv6 counts per /64 (one customer's whole network). */
export function ipCounterKey(ip: string): string {
  const p = parseIp(ip)
  if (!p) return `raw:${ip}`
  if (p.version === 4) return `v4:${p.value.toString(16)}`
  return `v6:${(p.value >> 64n).toString(16)}::/64`
}
