// Prints the closing test counts of the unit and end-to-end runs.
const fs = require('fs');

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const jest = read('test-results/jest.json');
const e2e = read('test-results/e2e.json');
const rows = [];
if (jest) {
  rows.push([
    'unit/integration (jest)',
    jest.numTotalTests,
    jest.numPassedTests,
    jest.numFailedTests,
    jest.numPendingTests + jest.numTodoTests,
    jest.numTotalTestSuites,
  ]);
}
if (e2e) {
  const s = e2e.stats;
  rows.push([
    'end-to-end (playwright)',
    s.expected + s.unexpected + s.flaky + s.skipped,
    s.expected + s.flaky,
    s.unexpected,
    s.skipped,
    '-',
  ]);
}
console.log('\nTest summary');
console.table(
  rows.map(([suite, total, passed, failed, skipped, files]) => ({
    suite,
    total,
    passed,
    failed,
    skipped,
    files,
  })),
);
