import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Reporter, TestModule, Vitest } from 'vitest/node'

/** What one `npm test` run did, per vitest project (a layer): written for scripts/test.mjs. */
export interface LayerReport {
  /** Every project the configuration has, whether or not it ran a test. */
  projects: string[]
  tests: { project: string; file: string; name: string; state: string }[]
  /** Files that failed outside any test (a file that did not load, a hook that threw). */
  failedFiles: { project: string; file: string }[]
}

/**
 * A reporter that records each test's project and state, since the same test file runs in more
 * than one project (the worker's tests on D1 in workerd and on libSQL in Node), so a file's path no
 * longer tells its layer. Its output file is the env var LAYER_REPORT (test-results/layers.json).
 */
export default class LayerReporter implements Reporter {
  private report: LayerReport = { projects: [], tests: [], failedFiles: [] }

  onInit(vitest: Vitest) {
    this.report.projects = vitest.projects.map((p) => p.name)
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    for (const module of modules) {
      const project = module.project.name
      const file = module.moduleId
      for (const test of module.children.allTests())
        this.report.tests.push({ project, file, name: test.fullName, state: test.result().state })
      if (module.state() === 'failed' && module.errors().length > 0)
        this.report.failedFiles.push({ project, file })
    }
    const out = process.env.LAYER_REPORT ?? 'test-results/layers.json'
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, JSON.stringify(this.report))
  }
}
