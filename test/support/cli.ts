/** Runs the real `dossier` command line in a child process, as an operator would. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const BIN = resolve(__dirname, '../../bin/dossier.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws when it is not). */
  json: <T = unknown>() => T;
}

/** `stdin` is all of the command's standard input (a pipe, not a terminal); by default it is empty. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, options: { stdin?: string } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    // A command that exits without reading its input closes the pipe; its exit code says why.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
}
