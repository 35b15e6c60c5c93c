import { scrypt, timingSafeEqual } from 'node:crypto'

/**
 * Password hashing: scrypt from node:crypto (Workers run it natively; Argon2id would need a Wasm
 * module and PBKDF2 is capped below OWASP's minimum in production Workers). Parameters are OWASP's
 * scrypt minimum that fits a Worker's memory best: N=2^14, r=8, p=5 (16 MiB).
 * The stored form records its parameters, so raising them later re-hashes at the next log-in.
 */
export const SCRYPT_PARAMS = { ln: 14, r: 8, p: 5 } as const
const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, ln: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { N: 2 ** ln, r, p, maxmem: 2 ** ln * r * 256 + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  )
}

export async function hashPassword(
  password: string,
  randomBytes: (n: number) => Uint8Array,
): Promise<string> {
  const { ln, r, p } = SCRYPT_PARAMS
  const salt = Buffer.from(randomBytes(16))
  const key = await derive(password, salt, ln, r, p)
  return `$scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`
}

/** Hash of a password nobody knows, so an unknown address costs exactly one hash too. */
export const DUMMY_PASSWORD_HASH =
  '$scrypt$ln=14,r=8,p=5$AAAAAAAAAAAAAAAAAAAAAA==$O7ZlNkKMcBb5b0t5iS6fI9mY0b9yqR0O6sYF0jF7cXo='

const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/

/** Verifies in constant time; `rehash` says the stored parameters are older than today's. */
export async function verifyPassword(
  stored: string,
  password: string,
): Promise<{ ok: boolean; rehash: boolean }> {
  const m = FORMAT.exec(stored)
  if (!m) return { ok: false, rehash: false }
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const expected = Buffer.from(m[5], 'base64')
  const actual = await derive(password, Buffer.from(m[4], 'base64'), ln, r, p)
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected)
  const { ln: cl, r: cr, p: cp } = SCRYPT_PARAMS
  return { ok, rehash: ok && (ln !== cl || r !== cr || p !== cp) }
}
