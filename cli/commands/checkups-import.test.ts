import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { writeZip } from '../../bench/gen-checkups.ts'
import { demoApp, INSURER, root, runOps, tempFiles } from '../testing/demo-app.ts'

/**
 * `npm run ops -- checkups import` against the real app (createApp on libSQL), its HTTP calls answered
 * in-process, the demo roster imported first.
 */
const { path } = tempFiles('kenshin-checkups-cli-')

async function realServer() {
  const app = await demoApp()
  expect(app.roster).toMatchObject({ complete: true, rejected: 0 })
  /** `checkups import --insurer 06139992 …` as the admin. */
  const checkups = (...args: string[]) =>
    runOps(['checkups', 'import', '--insurer', INSURER, ...args], {
      fetch: app.fetch,
      token: app.tokens.admin,
      cwd: root,
    })
  return { ...app, checkups }
}

describe('npm run ops -- checkups import', () => {
  it('prints the report, JSON, and the exit codes of the roster import', async () => {
    const { fetch, tokens, checkups } = await realServer()
    const csv = await checkups('db/seed/demo-checkups.csv')
    expect(csv.code).toBe(0)
    expect(csv.stdout).toContain('取込結果: db/seed/demo-checkups.csv')
    expect(csv.stdout).toMatch(/読み込んだ健診\s+36/)
    expect(csv.stdout).toMatch(/追加\s+36/)
    expect(csv.stdout).toContain('件/秒')
    expect(csv.stderr).toContain('健診結果 CSV(UTF-8)')

    const xml = await checkups('db/seed/demo-checkup-2026.xml', '--json')
    expect(xml.code).toBe(0)
    expect(JSON.parse(xml.stdout)).toMatchObject({
      format: 'xml',
      inserted: 1,
      rejected: 0,
      error: null,
    })

    const zip = path('bad.zip')
    await writeZip(zip, [
      { name: 'DATA/h1.xml', content: '<ClinicalDocument/>' },
      { name: 'x/../../h2.xml', content: '' },
    ])
    const report = await checkups(zip, '--lang', 'en')
    expect(report.code).toBe(0)
    expect(report.stdout).toMatch(/Rejected\s+2/)
    expect(report.stdout).toContain(
      'DATA/h1.xml  line 1  not an HL7 CDA (urn:hl7-org:v3) document: ',
    )
    expect(report.stdout).toContain('x/../../h2.xml  unsafe file name')
    expect(report.stdout).toContain(`All rejections: ${zip.replace(/\.zip$/, '.rejected.csv')}`)

    const quiet = await checkups('db/seed/demo-checkups.csv', '-q')
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' })

    const notZip = path('broken.zip')
    writeFileSync(notZip, 'PK but not a zip')
    const broken = await checkups(notZip)
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain('zip アーカイブとして読めません')

    const usage = await checkups('--batch', '501', 'db/seed/demo-checkups.csv')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('1〜500 の整数')
    const missing = await checkups('nowhere.csv')
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('ファイルを読めません: nowhere.csv')
    const help = await runOps(['checkups', '--help'], { fetch, token: tokens.admin, cwd: root })
    expect(help.stdout).toContain('checkups import --insurer')
  })
})
