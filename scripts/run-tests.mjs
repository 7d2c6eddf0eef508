#!/usr/bin/env node
// `npm test`: every vitest project, then one plain closing line "N passed, N failed" derived
// from vitest's JSON report (vitest prints no such line itself). Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const report = 'test/artifacts/vitest-report.json';
mkdirSync('test/artifacts', { recursive: true });
rmSync(report, { force: true });

const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);

let results;
try {
  results = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  console.error(`test run left no readable report at ${report} (vitest exit ${run.status ?? run.signal})`);
  process.exit(1);
}

const passed = results.numPassedTests ?? 0;
// A file that failed outside any test (an import error, a failing beforeAll) counts as one failure.
const brokenFiles = (results.testResults ?? []).filter(
  (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
).length;
const failed = (results.numFailedTests ?? 0) + brokenFiles;
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);

const ok = run.status === 0 && failed === 0 && passed > 0;
process.exit(ok ? 0 : 1);
