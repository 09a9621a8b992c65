// Ends every jest run with one plain line, `N passed, N failed[, N skipped]`, that CI reads.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const suitesFailedToRun = results.numRuntimeErrorTestSuites;
    const failed = results.numFailedTests + suitesFailedToRun;
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
module.exports = SummaryReporter;
