// Where a person's picture has been published: every export that shows them, and after a withdrawal the files to
// take down on the withdrawn channels, as a list to save as CSV.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { MessageKey } from '../../../../../shared/i18n';
import type { PublicationView } from '../../../../../shared/ipc/publish';
import { call } from '../../../api';
import { DoneMessage } from '../../../components/DoneMessage';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TableHead } from '../../../components/TableHead';
import { noPath, PathField, pathHandle, spent, type PathValue } from '../../../components/PathField';
import { useAction } from '../../../components/useAction';
import { useQuery } from '../../../components/useQuery';
import { useI18n } from '../../../i18n';

/** After a withdrawal: the exported files that show this person on the withdrawn channels, and that list as CSV. */
export function TakedownSection({
  personId,
  channelIds,
  channelLabel,
  headingId,
}: {
  personId: number;
  channelIds: readonly string[];
  channelLabel: (id: string) => string;
  headingId: string;
}) {
  const { t } = useI18n();
  const list = useQuery(JSON.stringify([personId, channelIds]), () =>
    call('takedownList', { personId, channelIds: [...channelIds] }),
  );
  const [csvPath, setCsvPath] = useState<PathValue>(noPath);
  const saving = useAction();

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!csvPath.text.trim()) return;
    await saving.run(
      async () => {
        const file = await pathHandle('takedownCsv', csvPath);
        setCsvPath(spent(csvPath));
        return call('saveTakedownCsv', { personId, channelIds: [...channelIds], file });
      },
      { done: (answer) => t('ui.takedown.saved', { path: answer.path, rows: answer.rows }) },
    );
  }

  return (
    <section className="panel takedown" data-slot="takedown-list" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('ui.takedown.title')}</h3>
      <p>{t('ui.takedown.channels', { channels: channelIds.map(channelLabel).join(', ') })}</p>
      <PublicationList rows={list.data} none="ui.takedown.none" count="ui.takedown.count" channelLabel={channelLabel}>
        <form className="form-row" onSubmit={(event) => void save(event)} aria-label={t('ui.takedown.save')}>
          <PathField
            label="ui.takedown.path"
            name="takedownCsv"
            value={csvPath}
            onChange={setCsvPath}
            onEnter={() => void save()}
            purpose="takedownCsv"
            placeholder="ui.takedown.path.placeholder"
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={!csvPath.text.trim()}>
              {t('ui.takedown.save')}
            </button>
          </div>
        </form>
        <DoneMessage message={saving.done} />
      </PublicationList>
      <ErrorAlert error={saving.error ?? list.error} />
    </section>
  );
}

export function WherePublished({ personId, channelLabel }: { personId: number; channelLabel: (id: string) => string }) {
  const { t } = useI18n();
  const ids = useId();
  const { data: rows, error } = useQuery(String(personId), () => call('wherePublished', { personId }));
  return (
    <section className="where-published" aria-labelledby={`${ids}-where`}>
      <h3 id={`${ids}-where`}>{t('ui.where.title')}</h3>
      <ErrorAlert error={error} />
      <PublicationList rows={rows} none="ui.where.none" count="ui.where.count" channelLabel={channelLabel} />
    </section>
  );
}

/** The exported files that show a person: while loading, none, or how many and which (then `children`). */
function PublicationList({
  rows,
  none,
  count,
  channelLabel,
  children,
}: {
  rows: readonly PublicationView[] | null;
  none: MessageKey;
  count: MessageKey;
  channelLabel: (id: string) => string;
  children?: ReactNode;
}) {
  const { t, formatMoment } = useI18n();
  if (rows === null) return <p>{t('common.loading')}</p>;
  if (rows.length === 0) return <p className="empty">{t(none)}</p>;
  return (
    <>
      <p>{t(count, { count: rows.length })}</p>
      <table className="table compact">
        <TableHead
          columns={['ui.takedown.col.date', 'ui.col.channel', 'ui.takedown.col.file', 'ui.takedown.col.folder']}
        />
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.exportId}-${row.outputName}`}>
              <td className="nowrap">{formatMoment(row.publishDate)}</td>
              <td>{channelLabel(row.channelId)}</td>
              <td>{row.outputName}</td>
              <td className="break">{row.outDir}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {children}
    </>
  );
}
