// fotowacht check-text <file|->: the caption check of the publish screen for scripts — names of people in the
// registry, rare first names, class plus name, student numbers, e-mail addresses, phone numbers. Exit code 1 when
// anything is found, so a script can stop a post.
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { readRegularFile } from '../../core/files';
import { CAPTION_MAX_LENGTH, checkCaptionText } from '../../core/publish';
import { action } from '../command';
import type { Translate } from '../main';

/** UTF-8 (a BOM dropped), bounded: a caption is a post's text, not a document. */
async function readCaption(source: string): Promise<string> {
  const maxBytes = CAPTION_MAX_LENGTH * 4;
  let bytes: Buffer;
  if (source === '-') {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new AppError('caption.tooLong', { length: total, max: CAPTION_MAX_LENGTH });
      chunks.push(chunk);
    }
    bytes = Buffer.concat(chunks);
  } else {
    bytes = await readRegularFile(path.resolve(source), maxBytes, source);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new AppError('caption.unreadable', { path: source });
  }
  if (text.length > CAPTION_MAX_LENGTH)
    throw new AppError('caption.tooLong', { length: text.length, max: CAPTION_MAX_LENGTH });
  return text;
}

export function registerCheckText(program: Command, t: Translate): void {
  const command = program
    .command('check-text')
    .description(t('cli.checkText.description'))
    .argument('<file>', t('cli.checkText.file'));
  command.action(
    action(command, async ({ out, openCore }) => {
      const text = await readCaption(command.args[0]!);
      const findings = checkCaptionText(openCore().db, text);
      out.result({ ok: findings.length === 0, findings });
      if (findings.length === 0) out.say(out.t('cli.checkText.clean'));
      for (const finding of findings) {
        out.say(
          out.t('cli.checkText.finding', {
            text: finding.text,
            start: finding.start + 1,
            end: finding.end,
            rule: out.t(finding.rule),
          }),
        );
      }
      if (findings.length > 0) {
        out.say(out.t('cli.checkText.summary', { count: findings.length }));
        process.exitCode = 1;
      }
    }),
  );
}
