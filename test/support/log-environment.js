/**
 * The test environment (jest.config.js, testEnvironment): jest's Node environment, with everything a
 * test file logs kept in memory and printed only for a test that fails. A passing run prints one line
 * per file and the summary; a failing test's block on standard error holds what was logged since the
 * previous test ended (its beforeEach included), and, with the file's first failure, what was logged
 * before the first test (its beforeAll).
 *
 * Kept: `console` (replaced here, so jest's own console buffer stays empty), the SDK runtime's logger
 * with Temporal Core's own log lines forwarded to it (test/support/quiet-logs.ts, level WARN), child
 * processes' output (`testLog` in test/support/test-log.ts) and log files such as the dev server's
 * (`keepLogFile`), read from where the previous test ended.
 */
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
const { relative } = require('node:path');
const { Console } = require('node:console');
const { Writable } = require('node:stream');
const { TestEnvironment } = require('jest-environment-node');

/** At most this much of one test's logs is printed (the end of them): a runaway loop cannot flood the terminal. */
const MAX_PRINTED = 200_000;

class LogKeepingEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = relative(config.globalConfig.rootDir, context.testPath);
    this.chunks = [];
    this.files = [];
    this.teardowns = [];
    this.global.__dossierTestLog = {
      write: (text) => this.chunks.push(String(text)),
      keepFile: (path, label) => this.files.push({ path, label, offset: 0 }),
      atTeardown: (fn) => this.teardowns.push(fn),
    };
  }

  async setup() {
    await super.setup();
    // jest sets the test console before setup(): this one writes to the kept logs instead.
    const sink = new Writable({
      write: (chunk, _encoding, done) => {
        this.chunks.push(chunk.toString());
        done();
      },
    });
    this.global.console = new Console({ stdout: sink, stderr: sink });
  }

  async handleTestEvent(event) {
    // After the file's last afterAll hook, while its modules are still loaded (they are not in teardown()).
    if (event.name === 'run_finish') {
      for (const fn of this.teardowns) await fn().catch((err) => process.stderr.write(`${this.testPath}: clean-up failed: ${err.stack ?? err}\n`));
    }
    // What the file's set-up logged (its beforeAll) is shown with the first test that fails, whichever it is.
    if (event.name === 'test_start' && this.prelude === undefined) {
      this.prelude = this.chunks.join('');
      this.chunks = [];
    }
    if (event.name === 'test_done') this.endOf(testName(event.test), event.test.errors.length > 0);
    else if (event.name === 'hook_failure' && (event.hook.type === 'afterAll' || event.hook.type === 'beforeAll')) this.endOf(`${event.hook.type} hook`, true);
  }

  /** Prints what was logged since the last call if `failed`; either way, starts afresh. */
  endOf(name, failed) {
    let text = this.chunks.join('') + this.files.map((file) => this.readNew(file, failed)).join('');
    this.chunks = [];
    if (failed && this.prelude) {
      text = `[before the first test]\n${this.prelude}[this test]\n${text}`;
      this.prelude = '';
    }
    if (!failed || text.trim() === '') return;
    const shown = text.length > MAX_PRINTED ? `[… ${text.length - MAX_PRINTED} characters left out]\n${text.slice(-MAX_PRINTED)}` : text;
    const rule = '─'.repeat(8);
    const body = shown.endsWith('\n') ? shown : `${shown}\n`;
    process.stderr.write(`\n${rule} logs of ${this.testPath} › ${name} ${rule}\n${body}${rule} end of logs ${rule}\n\n`);
  }

  readNew(file, wanted) {
    let fd;
    try {
      fd = openSync(file.path, 'r');
      const size = fstatSync(fd).size;
      if (!wanted || size <= file.offset) {
        file.offset = size;
        return '';
      }
      const buffer = Buffer.alloc(size - file.offset);
      readSync(fd, buffer, 0, buffer.length, file.offset);
      file.offset = size;
      return `[${file.label}]\n${buffer.toString('utf8')}`;
    } catch {
      return '';
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

function testName(test) {
  const names = [];
  for (let block = test; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) names.unshift(block.name);
  return names.join(' › ');
}

module.exports = LogKeepingEnvironment;
