// Writes one benchmark's section of bench/README.md (between its markers), keeping the others.
import { readFileSync, writeFileSync, existsSync } from 'node:fs'

const FILE = new URL('./README.md', import.meta.url)

export function writeSection(name, markdown) {
  let text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n'
  const start = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const block = `${start}\n${markdown.trim()}\n${end}`
  const re = new RegExp(`${start}[\\s\\S]*?${end}`)
  text = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`
  writeFileSync(FILE, text)
}

/** The commit measured: its short hash, with "+ changes" when the work tree has uncommitted ones. */
export async function commit() {
  const { execFileSync } = await import('node:child_process')
  const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim()
  try {
    // The figures' own file does not count as a change.
    const changed = git('status', '--porcelain', '--untracked-files=no').split('\n').filter((line) => line && !line.endsWith('bench/README.md'))
    return `${git('rev-parse', '--short', 'HEAD')}${changed.length ? ' + changes' : ''}`
  } catch {
    return 'an unknown commit'
  }
}

export const today = () => new Date().toISOString().slice(0, 10)

export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))]
  return { n: s.length, median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1] }
}

export const machine = async () => {
  const os = await import('node:os')
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`
}
