// fotowacht audit verify: walks the hash chain; exits non-zero and names the first broken sequence number.
import type { Command } from 'commander';
import { verifyAuditTrail } from '../../core/audit/trail';
import { action } from '../command';
import type { Translate } from '../main';

export function registerAudit(program: Command, t: Translate): void {
  const audit = program.command('audit').description(t('cli.audit.description'));
  const verify = audit.command('verify').description(t('cli.audit.verify.description'));
  verify.action(
    action(verify, async ({ out, openCore }) => {
      const result = verifyAuditTrail(openCore().db);
      out.result(result);
      if (result.ok) {
        out.say(out.t('audit.verify.ok', { count: result.count, head: result.headHash }));
      } else {
        out.warn(
          out.t('audit.verify.bad', { seq: result.firstBadSeq, reason: out.t(`audit.reason.${result.reason}`) }),
        );
        process.exitCode = 2;
      }
    }),
  );
}
