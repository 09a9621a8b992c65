/**
 * A worker process that runs only the notice activities, for durability tests:
 * `node bin/run.js test/support/notice-worker.ts`, configured by the environment below. With
 * DOSSIER_TEST_KILL_AFTER_SEND=1 it kills itself (SIGKILL: no clean-up, no completion) right after
 * a notice was accepted by the SMTP server and recorded, before the activity completes.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createNoticeActivities, fileLedger, smtpMailer } from '../../activities';
import type { Notice } from '../../domain/notices';

async function main() {
  const env = (name: string) => process.env[name] ?? fail(`${name} is not set`);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
  const notices = createNoticeActivities(smtpMailer(env('SMTP_URL'), 'office@ind.example.test'), {
    ledger: fileLedger(env('DOSSIER_SENT_LEDGER_DIR')),
  });
  const killAfterSend = process.env.DOSSIER_TEST_KILL_AFTER_SEND === '1';
  const worker = await Worker.create({
    connection,
    taskQueue: env('TEMPORAL_TASK_QUEUE'),
    activities: {
      async sendNotice(notice: Notice) {
        const delivery = await notices.sendNotice(notice);
        if (killAfterSend) process.kill(process.pid, 'SIGKILL');
        return delivery;
      },
    },
  });
  await worker.run();
}

function fail(message: string): never {
  throw new Error(message);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
