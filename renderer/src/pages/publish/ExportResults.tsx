// What exports produced: the result of the one just made (per file the leak check, the manifest hash, "open
// folder"), and the latest exports.
import type { ExportListItem } from '../../../../shared/ipc/publish';
import type { ExportSummary } from '../../../../shared/publish';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableHead } from '../../components/TableHead';
import { useAction } from '../../components/useAction';
import { useChannels } from '../../components/useChannels';
import { useI18n } from '../../i18n';
import { statusTone } from '../library/decisions';
import { ProblemText } from './ProblemTable';

export function ExportResult({ result, onAnother }: { result: ExportSummary; onAnother: () => void }) {
  const { t, formatMoment } = useI18n();
  const { label } = useChannels();
  const opening = useAction();
  return (
    <section aria-label={t('ui.publish.result')} className="export-result">
      <h2>{t('ui.publish.result')}</h2>
      <p role="status" className={result.failed > 0 ? 'error' : 'ok'}>
        {label(result.channelId)} · {formatMoment(result.date)} ·{' '}
        {t('ui.publish.result.counts', {
          exported: result.exported,
          hidden: result.hiddenRegions,
          blocked: result.blocked,
          review: result.needsReview,
          failed: result.failed,
        })}
      </p>
      <p>{t('ui.publish.result.dir', { dir: result.outDir })}</p>
      {result.board?.mode === 'snapshot' && (
        <p className="warning-note" role="note">
          {t('ui.publish.result.snapshot', {
            refreshedAt: formatMoment(result.board.snapshot.refreshedAt),
            hash: result.board.snapshot.hash.slice(0, 12),
          })}
        </p>
      )}
      <p>
        {t('ui.publish.result.manifest', { hash: '' })}
        <code className="hash">{result.manifestSha256}</code>
      </p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => void opening.run(() => call('openExportFolder', { exportId: result.exportId }))}
        >
          {t('ui.publish.openFolder')}
        </button>
        <button type="button" onClick={onAnother}>
          {t('ui.publish.another')}
        </button>
      </div>
      <ErrorAlert error={opening.error} />
      <table className="table compact">
        <TableHead
          columns={[
            'ui.publish.col.source',
            'ui.publish.col.output',
            'ui.col.status',
            'ui.publish.col.hidden',
            'ui.publish.col.check',
          ]}
        />
        <tbody>
          {[
            ...result.items.map((item) => ({ ...item, key: item.photoHash, clip: null })),
            ...result.clips.map((clip) => ({ ...clip, key: clip.videoHash, hiddenCount: clip.hiddenTracks, clip })),
          ].map((item) => (
            <tr key={item.key} data-hash={item.key}>
              <td>
                {item.clip && (
                  <span className="badge" role="img" aria-label={t('ui.video.badge')}>
                    ▶
                  </span>
                )}{' '}
                {item.sourceName}
              </td>
              <td>
                {item.outputName ?? '–'}
                {item.clip && item.state === 'done' && (
                  <small className="muted">
                    {' '}
                    ·{' '}
                    {t(
                      item.clip.audioKept
                        ? 'ui.publishClips.result.audio.kept'
                        : 'ui.publishClips.result.audio.removed',
                    )}
                  </small>
                )}
              </td>
              <td>
                <span className={`badge ${statusTone(item.decision)}`}>{t(`ui.status.${item.decision}`)}</span>
              </td>
              <td>{item.state === 'done' ? item.hiddenCount : '–'}</td>
              <td>
                {item.state === 'done' ? (
                  <span className="ok">{t('ui.publish.check.ok')}</span>
                ) : item.problems.length === 0 ? (
                  t('ui.publish.check.none')
                ) : (
                  <ul className="plain">
                    {item.problems.map((problem, i) => (
                      <li key={i} className={item.state === 'failed' ? 'error' : undefined}>
                        <ProblemText code={problem.code} params={problem.params} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ExportHistory({ items }: { items: readonly ExportListItem[] }) {
  const { t, formatDateTime } = useI18n();
  const { label } = useChannels();
  return (
    <section>
      <h2>{t('ui.publish.history')}</h2>
      <table className="table compact">
        <TableHead columns={['ui.takedown.col.date', 'ui.col.channel', 'ui.col.status', 'ui.takedown.col.folder']} />
        <tbody>
          {items.map((item) => (
            <tr key={item.exportId}>
              <td className="nowrap">{formatDateTime(item.startedAt)}</td>
              <td>{label(item.channelId)}</td>
              <td>
                {t(`jobs.state.${item.state === 'running' ? 'running' : item.state}`)} · {item.exported}
              </td>
              <td>{item.outDir}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
