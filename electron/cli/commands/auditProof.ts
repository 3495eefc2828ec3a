// fotowacht audit verify / keygen / checkpoint / head: the chain checked in itself and against anchors held outside
// the database (manifests, reports, signed checkpoints). A trail that does not hold exits with code 2, and so does a
// checkpoint whose signature does not hold.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import type { AuditAnchor } from '../../../shared/types';
import {
  anchorFromFileText,
  checkCheckpoint,
  checkpointFileText,
  createCheckpoint,
  currentAuditHead,
  formatAnchor,
  generateCheckpointKeys,
  logCheckpoint,
  parseAnchor,
  verifyAuditTrail,
  type CheckedCheckpoint,
} from '../../core/audit';
import { checkPathFor, readRegularFile, writeGrantedFile } from '../../core/files';
import { action } from '../command';
import type { Translate } from '../main';
import type { Output } from '../output';

const collect = (value: string, previous: readonly string[] = []): string[] => [...previous, value];

function readText(file: string, code: string): string {
  try {
    return readFileSync(path.resolve(file), 'utf8');
  } catch {
    throw new AppError(code, { path: path.resolve(file) });
  }
}

export interface ProofOptions {
  readonly anchor?: string[];
  readonly anchorFile?: string[];
  readonly checkpoint?: string[];
  readonly publicKey?: string;
}

/** The options that hold a trail against heads written down outside it (`audit verify`, `server verify`). */
export function withProofOptions(command: Command, t: Translate): Command {
  return command
    .option('--anchor <seq:hash>', t('cli.audit.verify.anchor'), collect)
    .option('--anchor-file <file>', t('cli.audit.verify.anchorFile'), collect)
    .option('--checkpoint <file>', t('cli.audit.verify.checkpoint'), collect)
    .option('--public-key <pem>', t('cli.audit.verify.publicKey'));
}

export interface ProofAnchors {
  readonly anchors: AuditAnchor[];
  readonly checkpoints: Array<CheckedCheckpoint & { path: string }>;
}

/**
 * The anchors the options name, each checkpoint's signature checked. Null when a checkpoint is forged or foreign:
 * said, with exit code 2 like a broken chain (a failed proof, not a usage error).
 */
export function readProofAnchors(options: Readonly<ProofOptions>, out: Output): ProofAnchors | null {
  const anchors: AuditAnchor[] = (options.anchor ?? []).map(parseAnchor);
  for (const file of options.anchorFile ?? [])
    anchors.push(anchorFromFileText(readText(file, 'audit.checkpoint.unreadable'), path.resolve(file)));
  const publicKey = options.publicKey ? readText(options.publicKey, 'audit.key.unreadable') : undefined;
  const checkpoints: Array<CheckedCheckpoint & { path: string }> = [];
  for (const file of options.checkpoint ?? []) {
    const target = path.resolve(file);
    try {
      checkpoints.push({
        ...checkCheckpoint(readText(file, 'audit.checkpoint.unreadable'), target, publicKey),
        path: target,
      });
    } catch (error) {
      if (error instanceof AppError && error.code !== 'audit.checkpoint.unreadable') {
        out.fail(error);
        process.exitCode = 2;
        return null;
      }
      throw error;
    }
  }
  anchors.push(...checkpoints.map((checkpoint) => checkpoint.anchor));
  return { anchors, checkpoints };
}

/** Which checkpoints held, and whether their key was the one named. */
export function sayCheckpoints(out: Output, checkpoints: ProofAnchors['checkpoints']): void {
  for (const checkpoint of checkpoints) {
    out.say(
      out.t('audit.checkpoint.ok', {
        path: checkpoint.path,
        fingerprint: checkpoint.keyFingerprint,
        seq: checkpoint.anchor.seq,
        at: checkpoint.at,
      }),
    );
    if (!checkpoint.trustedKey) out.say(out.t('audit.checkpoint.untrustedKey'));
  }
}

export function registerAuditProof(audit: Command, t: Translate): void {
  const verify = withProofOptions(audit.command('verify').description(t('cli.audit.verify.description')), t);
  verify.action(
    action(verify, async ({ out, openCore }) => {
      const proof = readProofAnchors(verify.opts<ProofOptions>(), out);
      if (!proof) return;
      const { anchors, checkpoints } = proof;
      const result = verifyAuditTrail(openCore().db, { anchors });
      out.result({ ...result, checkpoints });
      sayCheckpoints(out, checkpoints);
      if (result.ok) {
        out.say(out.t('audit.verify.ok', { count: result.count, head: result.headHash }));
        if (result.anchors) out.say(out.t('audit.verify.anchors', { count: result.anchors }));
        if (result.detailsErased) out.say(out.t('audit.verify.erased', { count: result.detailsErased }));
      } else {
        out.warn(
          out.t('audit.verify.bad', { seq: result.firstBadSeq, reason: out.t(`audit.reason.${result.reason}`) }),
        );
        process.exitCode = 2;
      }
    }),
  );

  const head = audit.command('head').description(t('cli.audit.head.description'));
  head.action(
    action(head, async ({ out, openCore }) => {
      const anchor = currentAuditHead(openCore().db);
      out.result(anchor);
      out.say(formatAnchor(anchor));
    }),
  );

  const keygen = audit
    .command('keygen')
    .description(t('cli.audit.keygen.description'))
    .requiredOption('--out <dir>', t('cli.audit.keygen.out'));
  keygen.action(
    action(keygen, async ({ out, openCore }) => {
      const options = keygen.opts<{ out: string }>();
      const keys = generateCheckpointKeys(options.out, openCore().paths.root);
      out.result(keys);
      out.say(
        out.t('cli.audit.keygen.written', {
          private: keys.privateKeyPath,
          public: keys.publicKeyPath,
          fingerprint: keys.fingerprint,
        }),
      );
    }),
  );

  const checkpoint = audit
    .command('checkpoint')
    .description(t('cli.audit.checkpoint.description'))
    .requiredOption('--key <private.pem>', t('cli.audit.checkpoint.key'))
    .requiredOption('--out <file>', t('cli.audit.checkpoint.out'));
  checkpoint.action(
    action(checkpoint, async ({ out, openCore }) => {
      const options = checkpoint.opts<{ key: string; out: string }>();
      const core = openCore();
      const keyFile = await checkPathFor('auditPrivateKey', path.resolve(options.key));
      const target = await checkPathFor('auditCheckpoint', path.resolve(options.out));
      const signed = createCheckpoint(core.db, await readRegularFile(keyFile.path, 64 * 1024));
      const written = await writeGrantedFile(target, checkpointFileText(signed));
      logCheckpoint(core.db, core.actor(), signed);
      out.result({ path: written, ...signed });
      out.say(out.t('cli.audit.checkpoint.written', { path: written, seq: signed.seq, hash: signed.hash }));
    }),
  );
}
