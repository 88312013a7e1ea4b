#!/usr/bin/env node
// npm oracle: node-semver. Reads TSV on stdin, one answer line per input line.
//   range   mode: "range\tversion" -> "range\tversion\tdecision\tdefault"
//            decision = satisfies(v, r, {includePrerelease:true}); default = same with includePrerelease:false
//            bad-range when validRange(r) is null, else bad-version when valid(v) is null (both non-loose).
//   compare mode: "a\tb" -> "a\tb\t-1|0|1|bad-version"   (semver.compare, non-loose)
//   valid   mode: "v"    -> "v\tvalid|bad-version"       (semver.valid, non-loose)
// semver is loaded from $ORACLE_NPM_DIR/node_modules (see README), else from the normal lookup.
'use strict'
const path = require('path')
let semver
try { semver = require(path.join(process.env.ORACLE_NPM_DIR || '', 'node_modules', 'semver')) } catch (e) { semver = require('semver') }
const mode = process.argv[2] || 'range'
if (mode === 'version') { console.log(require(path.dirname(require.resolve(path.join(process.env.ORACLE_NPM_DIR || '', 'node_modules', 'semver'))) + '/package.json').version); process.exit(0) }
const data = require('fs').readFileSync(0, 'utf8')
const lines = data.split('\n'); if (lines.length && lines[lines.length - 1] === '') lines.pop()
const out = []
for (const raw of lines) {
  const line = raw.replace(/\r$/, '')
  const f = line.split('\t')
  if (mode === 'range') {
    const r = f[0], v = f[1] === undefined ? '' : f[1]
    let d, d0
    if (semver.validRange(r) === null) { d = d0 = 'bad-range' }
    else if (semver.valid(v) === null) { d = d0 = 'bad-version' }
    else {
      d = semver.satisfies(v, r, { includePrerelease: true }) ? 'match' : 'nomatch'
      d0 = semver.satisfies(v, r, { includePrerelease: false }) ? 'match' : 'nomatch'
    }
    out.push([r, v, d, d0].join('\t'))
  } else if (mode === 'compare') {
    const a = f[0], b = f[1] === undefined ? '' : f[1]
    let d
    if (semver.valid(a) === null || semver.valid(b) === null) d = 'bad-version'
    else d = String(semver.compare(a, b))
    out.push([a, b, d].join('\t'))
  } else if (mode === 'valid') {
    out.push([f[0], semver.valid(f[0]) === null ? 'bad-version' : 'valid'].join('\t'))
  } else { console.error('unknown mode ' + mode); process.exit(2) }
}
process.stdout.write(out.length ? out.join('\n') + '\n' : '')
