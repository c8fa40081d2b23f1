// A node:test reporter for the package drivers: the test tree and its results, with nothing that changes from run to
// run (no durations, no stack traces). Loaded with NODE_OPTIONS=--test-reporter=<this file>, in the plain and in the
// traced run alike.
export default async function * reporter (source) {
  let passed = 0
  let failed = 0
  for await (const event of source) {
    const { type, data } = event
    const indent = '  '.repeat(data?.nesting ?? 0)
    if (type === 'test:pass') {
      if (data.skip !== undefined) yield `${indent}skip ${data.name}\n`
      else if (data.todo !== undefined) yield `${indent}todo ${data.name}\n`
      else {
        passed++
        yield `${indent}ok ${data.name}\n`
      }
    } else if (type === 'test:fail') {
      failed++
      const error = data.details?.error
      const cause = error?.cause ?? error
      yield `${indent}not ok ${data.name}: ${cause?.code ?? ''} ${cause?.message ?? error?.message ?? ''}`.trimEnd() + '\n'
    } else if (type === 'test:diagnostic' && !/^(duration_ms|tests|suites|pass|fail|cancelled|skipped|todo)\b/.test(data.message)) {
      yield `${indent}# ${data.message}\n`
    }
  }
  yield `passed ${passed}, failed ${failed}\n`
}
