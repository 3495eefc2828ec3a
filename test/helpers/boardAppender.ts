// A workstation in a separate process, for the one-trail test: signs in as one board user, waits for the common
// start moment, then appends events to the board's trail as fast as it can, one transaction each. Run with
// `node --import tsx test/helpers/boardAppender.ts <url> <count> <startAtMs>`; prints {"appended":n,"finishedAt":ms} when done.
import { appendBoardAuditEvent, boardActor, connectBoard, inTransaction } from '../../electron/core/board';

const [url = '', countText = '0', startText = '0'] = process.argv.slice(2);
const connection = await connectBoard({ url, tls: 'disable' });
try {
  const actor = await boardActor(connection.client, `process ${process.pid}`);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startText) - Date.now())));
  let appended = 0;
  for (let index = 0; index < Number(countText); index += 1) {
    await inTransaction(connection.client, async () => {
      await appendBoardAuditEvent(connection.client, actor, {
        action: 'test.append',
        subject: `workstation:${process.pid}`,
        details: { index, pid: process.pid },
      });
    });
    appended += 1;
  }
  process.stdout.write(`${JSON.stringify({ appended, finishedAt: Date.now() })}\n`);
} finally {
  await connection.close();
}
