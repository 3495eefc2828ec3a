// fotowacht doctor: where the data is and which versions of the image and database libraries run.
import type { Command } from 'commander';
import { latestSchemaVersion, schemaVersion } from '../../core/db';
import { electronBinaryStatus, libraryVersions } from '../../core/diagnostics';
import { videoToolInfo } from '../../core/video';
import { appVersion } from '../../core/version';
import { action } from '../command';
import type { Translate } from '../main';

export function registerDoctor(program: Command, t: Translate): void {
  const command = program.command('doctor').description(t('cli.doctor.description'));
  command.action(
    action(command, async ({ out, openCore }) => {
      const core = openCore();
      const report = {
        version: appVersion(),
        dataDir: core.paths.root,
        database: core.paths.database,
        encryption: { cipher: core.db.pragma('cipher', { simple: true }) as string, keySource: core.keySource },
        schemaVersion: schemaVersion(core.db),
        schemaVersionKnown: latestSchemaVersion(),
        versions: libraryVersions(core.db),
        electron: electronBinaryStatus(),
        // Which bundled ffmpeg and ffprobe read the videos (issue 15), and their versions.
        video: { ffmpeg: await videoToolInfo('ffmpeg'), ffprobe: await videoToolInfo('ffprobe') },
      };
      out.result(report);
      if (out.json) return;
      const v = report.versions;
      const rows: Array<[string, string]> = [
        [out.t('cli.doctor.fotowacht'), report.version],
        [out.t('cli.doctor.dataDir'), report.dataDir],
        [out.t('cli.doctor.database'), report.database],
        [
          out.t('cli.doctor.encryption'),
          out.t('cli.doctor.encrypted', {
            cipher: report.encryption.cipher,
            source: out.t(`cli.doctor.keySource.${report.encryption.keySource}`),
          }),
        ],
        [
          out.t('cli.doctor.schema'),
          `${report.schemaVersion} (${out.t('cli.doctor.schemaKnown', { known: report.schemaVersionKnown })})`,
        ],
        ['Node.js', v.node],
        ['sharp', v.sharp ?? '-'],
        ['libvips', v.libvips],
        ['exifr', v.exifr ?? '-'],
        ['better-sqlite3-multiple-ciphers', v.betterSqlite3 ?? '-'],
        ['SQLite', v.sqlite],
        ...(['ffmpeg', 'ffprobe'] as const).map((tool): [string, string] => {
          const info = report.video[tool];
          const params = { version: info.version ?? '', package: info.package, packageVersion: info.packageVersion };
          return [tool, out.t(info.version ? 'cli.doctor.videoTool' : 'cli.doctor.videoTool.broken', params)];
        }),
        [
          'Electron',
          report.electron.present
            ? out.t('cli.doctor.electron.present', {
                version: report.electron.version ?? '?',
                path: report.electron.path ?? '',
              })
            : out.t('cli.doctor.electron.absent', { version: report.electron.version ?? '-' }),
        ],
      ];
      const width = Math.max(...rows.map(([label]) => label.length));
      for (const [label, value] of rows) out.say(`${label.padEnd(width)}  ${value}`);
    }),
  );
}
