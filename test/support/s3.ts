/**
 * A real S3-compatible server of the test's own: moto's server (`moto[server]` from PyPI, which
 * `scripts/setup.sh` installs into .tools/venv), on a free loopback port, with one bucket and one
 * IAM user allowed s3:* in it. Signature checking is on: once the bucket and the user exist, the
 * server refuses every request not signed with that user's secret (SigV4, as S3 checks it).
 * A missing server fails the test with the command that installs it; it never skips.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EMPTY_SHA256, type S3Options, signV4 } from '../../platform/documents';
import { waitFor } from './wait';
import { freePort } from '../../scripts/free-port';

const ROOT = resolve(__dirname, '../..');

export interface S3Server {
  /** Endpoint, bucket, region and the user's credentials, as s3Store takes them. */
  options: S3Options;
  stop(): Promise<void>;
}

export async function startS3Server(bucket = 'dossier-documents'): Promise<S3Server> {
  const exe = process.env.DOSSIER_S3_SERVER_PATH || resolve(ROOT, '.tools/venv/bin/moto_server');
  if (!existsSync(exe)) {
    throw new Error(
      `No S3 test server at ${exe}. Run \`bash scripts/setup.sh\` (it installs moto[server] from PyPI into .tools/venv), or set DOSSIER_S3_SERVER_PATH.`,
    );
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  // Its request log goes to standard error: kept, and shown only if it fails to start.
  const child: ChildProcess = spawn(exe, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `exited (${signal ?? code})`));
  child.on('error', (err) => (exited = `failed to start: ${err.message}`));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  };
  try {
    await waitFor(async () => {
      if (exited) throw new Error(`moto_server ${exited}:\n${log}`);
      return fetch(`${endpoint}/moto-api/`).then(
        (r) => r.ok,
        () => false,
      );
    }, `moto_server to answer on ${endpoint}`);

    // The set-up runs before authentication is turned on: any signature routes it to its service.
    const setup = { accessKeyId: 'AKIASETUPEXAMPLE0000', secretAccessKey: 'setup', region: 'us-east-1' };
    const iam = async (params: Record<string, string>): Promise<string> => {
      const body = new URLSearchParams({ Version: '2010-05-08', ...params }).toString();
      const url = new URL(`${endpoint}/`);
      const headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
      const payloadHash = createHash('sha256').update(body).digest('hex');
      const signed = signV4({ method: 'POST', url, headers, payloadHash }, { ...setup, service: 'iam' });
      const response = await fetch(url, { method: 'POST', headers: { ...headers, ...signed.headers }, body });
      const text = await response.text();
      if (!response.ok) throw new Error(`IAM ${params.Action} on moto_server: ${response.status} ${text}`);
      return text;
    };
    const user = 'dossier';
    await iam({ Action: 'CreateUser', UserName: user });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    await iam({ Action: 'PutUserPolicy', UserName: user, PolicyName: 's3', PolicyDocument: JSON.stringify(policy) });
    const key = await iam({ Action: 'CreateAccessKey', UserName: user });
    const accessKeyId = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(key)?.[1];
    const secretAccessKey = /<SecretAccessKey>([^<]+)<\/SecretAccessKey>/.exec(key)?.[1];
    if (!accessKeyId || !secretAccessKey) throw new Error(`no access key in moto_server's answer: ${key}`);

    const bucketUrl = new URL(`${endpoint}/${bucket}`);
    const headers = { 'x-amz-content-sha256': EMPTY_SHA256 };
    const signed = signV4({ method: 'PUT', url: bucketUrl, headers, payloadHash: EMPTY_SHA256 }, { ...setup, service: 's3' });
    const created = await fetch(bucketUrl, { method: 'PUT', headers: { ...headers, ...signed.headers } });
    if (!created.ok) throw new Error(`CreateBucket on moto_server: ${created.status} ${await created.text()}`);

    // From now on every request must carry a valid signature of a known user.
    const auth = await fetch(`${endpoint}/moto-api/reset-auth`, { method: 'POST', body: '0' });
    if (!auth.ok) throw new Error(`turning on moto_server's authentication: ${auth.status} ${await auth.text()}`);

    return { options: { endpoint, bucket, region: 'us-east-1', accessKeyId, secretAccessKey }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
