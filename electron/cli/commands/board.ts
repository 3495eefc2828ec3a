// fotowacht server … (a board's IT person sets up the shared PostgreSQL database; the privacy officer verifies and
// anchors its trail) and fotowacht connect (a workstation joins it). The server commands need no data folder;
// connect records board mode in this one.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/errors';
import {
  addSchool,
  addUser,
  boardActor,
  boardAuditHead,
  BOARD_ROLE_KINDS,
  buildBoardAuditReport,
  boardError,
  connectBoard,
  connectWorkstation,
  createBoardCheckpoint,
  initBoard,
  logBoardCheckpoint,
  parseBoardUrl,
  TLS_MODES,
  verifyBoardTrail,
  verifyLaptopSegments,
  type BoardConnection,
  type TlsMode,
} from '../../core/board';
import { checkpointFileText, formatAnchor } from '../../core/audit';
import { checkPathFor, readRegularFile, writeGrantedFile } from '../../core/files';
import { action } from '../command';
import type { Translate } from '../main';
import type { Output } from '../output';
import { writeOut } from './audit';
import { readProofAnchors, sayCheckpoints, withProofOptions, type ProofOptions } from './auditProof';

interface ServerOptions {
  readonly databaseUrl?: string;
  readonly tls?: TlsMode;
  readonly caFile?: string;
}

function withServerOptions(command: Command, t: Translate): Command {
  return command
    .option('--database-url <url>', t('cli.server.databaseUrl'))
    .addOption(new Option('--tls <mode>', t('cli.server.tls')).choices(TLS_MODES))
    .option('--ca-file <file>', t('cli.server.caFile'));
}

function databaseUrl(options: ServerOptions): string {
  const url = options.databaseUrl ?? process.env.FOTOWACHT_DATABASE_URL;
  if (!url) throw new AppError('board.urlMissing', {});
  return url;
}

function sayTls(out: Output, connection: { tls: boolean; verified: boolean }): void {
  out.say(
    out.t(
      connection.tls
        ? connection.verified
          ? 'cli.board.tls.verified'
          : 'cli.board.tls.unverified'
        : 'cli.board.tls.plain',
    ),
  );
}

/** Opens the server connection for one command and closes it after; errors become codes a user can act on. */
async function withServer<T>(options: ServerOptions, work: (connection: BoardConnection) => Promise<T>): Promise<T> {
  const url = databaseUrl(options);
  const host = parseBoardUrl(url).host;
  const connection = await connectBoard({ url, tls: options.tls, caFile: options.caFile });
  try {
    return await work(connection);
  } catch (error) {
    throw boardError(error, host);
  } finally {
    await connection.close();
  }
}

function readStdinSecret(): string {
  return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function registerServer(program: Command, t: Translate): void {
  const server = program.command('server').description(t('cli.server.description'));

  const init = withServerOptions(server.command('init').description(t('cli.server.init.description')), t);
  init.action(
    action(init, async ({ out }) => {
      await withServer(init.opts<ServerOptions>(), async (connection) => {
        const result = await initBoard(connection.client);
        out.result({ ok: true, ...result, tls: connection.tls, verified: connection.verified });
        sayTls(out, connection);
        out.say(
          out.t('cli.server.init.done', {
            version: result.schemaVersion,
            applied: result.applied.length > 0 ? result.applied.join(', ') : '-',
          }),
        );
        out.say(out.t('cli.server.init.roles', { roles: result.roles.join(', ') }));
      });
    }),
  );

  const school = withServerOptions(
    server
      .command('add-school')
      .description(t('cli.server.addSchool.description'))
      .argument('<code>', t('cli.server.addSchool.code'))
      .argument('<name>', t('cli.server.addSchool.name')),
    t,
  );
  school.action(
    action(school, async ({ out }) => {
      const [code = '', name = ''] = school.args;
      await withServer(school.opts<ServerOptions>(), async (connection) => {
        const added = await addSchool(connection.client, code, name);
        out.result({ ok: true, school: added });
        out.say(out.t('cli.server.addSchool.done', { code: added.code, name: added.name }));
      });
    }),
  );

  const user = withServerOptions(
    server
      .command('add-user')
      .description(t('cli.server.addUser.description'))
      .argument('<name>', t('cli.server.addUser.name'))
      .addOption(
        new Option('--role <role>', t('cli.server.addUser.role')).choices(BOARD_ROLE_KINDS).makeOptionMandatory(),
      )
      .option('--school <code>', t('cli.server.addUser.school'), collect)
      .option('--password-stdin', t('cli.server.addUser.passwordStdin')),
    t,
  );
  user.action(
    action(user, async ({ out }) => {
      const options = user.opts<ServerOptions & { role: string; school?: string[]; passwordStdin?: boolean }>();
      const password = options.passwordStdin ? readStdinSecret() : undefined;
      await withServer(options, async (connection) => {
        const made = await addUser(connection.client, {
          roleName: user.args[0] ?? '',
          kind: options.role,
          schools: options.school ?? [],
          password,
        });
        out.result({ ok: true, user: made });
        out.say(
          out.t('cli.server.addUser.done', {
            name: made.roleName,
            role: made.kind,
            schools: made.schools.length > 0 ? ` (${made.schools.join(', ')})` : '',
          }),
        );
        if (made.password && !out.json) out.say(out.t('cli.server.addUser.password', { password: made.password }));
      });
    }),
  );

  const verify = withProofOptions(
    withServerOptions(server.command('verify').description(t('cli.server.verify.description')), t),
    t,
  );
  verify.action(
    action(verify, async ({ out }) => {
      const options = verify.opts<ServerOptions & ProofOptions>();
      // Heads written down outside the server (manifests, reports, signed checkpoints) hold the board's trail too.
      const proof = readProofAnchors(options, out);
      if (!proof) return;
      await withServer(options, async (connection) => {
        const result = await verifyBoardTrail(connection.client, { anchors: proof.anchors });
        // The laptop trails taken in (board migrate): each segment's chain, and the board event that sealed it.
        const segments = await verifyLaptopSegments(connection.client);
        out.result({ ...result, segments, checkpoints: proof.checkpoints });
        sayCheckpoints(out, proof.checkpoints);
        if (result.ok) {
          out.say(out.t('audit.verify.ok', { count: result.count, head: result.headHash }));
          if (result.anchors) out.say(out.t('audit.verify.anchors', { count: result.anchors }));
        } else {
          out.warn(
            out.t('audit.verify.bad', { seq: result.firstBadSeq, reason: out.t(`audit.reason.${result.reason}`) }),
          );
          process.exitCode = 2;
        }
        for (const segment of segments) {
          const { verification: v } = segment;
          if (v.ok && segment.sealed)
            out.say(
              out.t('cli.server.verify.segmentOk', {
                segment: segment.segment,
                school: segment.school,
                count: v.count,
              }),
            );
          else {
            out.warn(
              v.ok
                ? out.t('cli.server.verify.segmentUnsealed', { segment: segment.segment, school: segment.school })
                : out.t('cli.server.verify.segmentBad', {
                    segment: segment.segment,
                    school: segment.school,
                    seq: v.firstBadSeq,
                    reason: out.t(`audit.reason.${v.reason}`),
                  }),
            );
            process.exitCode = 2;
          }
        }
      });
    }),
  );
  registerServerTrail(server, t);
}

/** The board trail's proof and report: head, checkpoint, report (verify is above, with the laptop segments). */
function registerServerTrail(server: Command, t: Translate): void {
  const head = withServerOptions(server.command('head').description(t('cli.server.head.description')), t);
  head.action(
    action(head, async ({ out }) => {
      await withServer(head.opts<ServerOptions>(), async (connection) => {
        const anchor = await boardAuditHead(connection.client);
        out.result(anchor);
        out.say(formatAnchor(anchor));
      });
    }),
  );

  const checkpoint = withServerOptions(
    server
      .command('checkpoint')
      .description(t('cli.server.checkpoint.description'))
      .requiredOption('--key <private.pem>', t('cli.audit.checkpoint.key'))
      .requiredOption('--out <file>', t('cli.audit.checkpoint.out')),
    t,
  );
  checkpoint.action(
    action(checkpoint, async ({ out }) => {
      const options = checkpoint.opts<ServerOptions & { key: string; out: string }>();
      const keyFile = await checkPathFor('auditPrivateKey', path.resolve(options.key));
      const target = await checkPathFor('auditCheckpoint', path.resolve(options.out));
      const privateKey = await readRegularFile(keyFile.path, 64 * 1024);
      await withServer(options, async (connection) => {
        // Signed first, written, then logged on the board's trail: the checkpoint is of the head before its event.
        const signed = await createBoardCheckpoint(connection.client, privateKey);
        const written = await writeGrantedFile(target, checkpointFileText(signed));
        try {
          await logBoardCheckpoint(connection.client, await boardActor(connection.client), signed);
        } catch (error) {
          // Not on the trail (a user who may not write it, the connection gone): no checkpoint file left behind.
          rmSync(written, { force: true });
          throw error;
        }
        out.result({ path: written, ...signed });
        out.say(out.t('cli.audit.checkpoint.written', { path: written, seq: signed.seq, hash: signed.hash }));
      });
    }),
  );

  const report = withServerOptions(
    server
      .command('report')
      .description(t('cli.server.report.description'))
      .requiredOption('--from <day>', t('cli.audit.report.from'))
      .requiredOption('--to <day>', t('cli.audit.report.to'))
      .addOption(new Option('--format <format>', t('cli.audit.report.format')).choices(['csv', 'pdf']).default('pdf'))
      .requiredOption('--out <file>', t('cli.audit.report.out'))
      .option('--force', t('cli.file.force')),
    t,
  );
  report.action(
    action(report, async ({ out }) => {
      const options = report.opts<ServerOptions & ReportCommandOptions>();
      await withServer(options, async (connection) => {
        const built = await buildBoardAuditReport(
          connection.client,
          { from: options.from, to: options.to },
          options.format,
          { language: out.language, generatedBy: (await boardActor(connection.client)).os },
        );
        const purpose = options.format === 'pdf' ? 'auditReportPdf' : 'auditReportCsv';
        const file = await writeOut(purpose, options.out, built.bytes, options.force === true);
        out.result({ path: file, format: built.format, events: built.events, verification: built.verification });
        out.say(out.t('cli.audit.report.written', { path: file, events: built.events }));
        if (!built.verification.ok) process.exitCode = 2;
      });
    }),
  );
}

interface ReportCommandOptions {
  readonly from: string;
  readonly to: string;
  readonly format: 'csv' | 'pdf';
  readonly out: string;
  readonly force?: boolean;
}

export function registerConnect(program: Command, t: Translate): void {
  const connect = withServerOptions(
    program
      .command('connect')
      .description(t('cli.connect.description'))
      .option('--password-stdin', t('cli.connect.passwordStdin')),
    t,
  );
  connect.action(
    action(connect, async ({ out, openCore }) => {
      const options = connect.opts<ServerOptions & { passwordStdin?: boolean }>();
      const url = databaseUrl(options);
      const password = options.passwordStdin ? readStdinSecret() : process.env.PGPASSWORD || undefined;
      const core = openCore();
      const result = await connectWorkstation({
        db: core.db,
        actor: core.actor(),
        dataDir: core.paths.root,
        url,
        password,
        tls: options.tls,
        caFile: options.caFile,
      });
      out.result({ ok: true, ...result });
      sayTls(out, { tls: result.encrypted, verified: result.verified });
      out.say(
        out.t('cli.connect.done', {
          user: result.user,
          role: result.role,
          url: result.url,
          schools: result.schools.join(', ') || '-',
        }),
      );
      out.say(out.t('cli.connect.keyStore'));
    }),
  );
}
