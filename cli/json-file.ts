/** Reading a JSON file named on the command line; a failure names the argument that named it. */
import { readFileSync } from 'node:fs';
import { UsageError } from './command';

export function readJsonFile(path: string, argument: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`${argument}: cannot read "${path}" as JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}
