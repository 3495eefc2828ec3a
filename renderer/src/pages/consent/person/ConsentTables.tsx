// A person's consent as tables: per channel for the current school year, and every version ever recorded.
import type { ConsentRecord, PersonConsent } from '../../../../../shared/consent';
import { TableHead } from '../../../components/TableHead';
import { useI18n } from '../../../i18n';

export function CurrentConsent({ data }: { data: PersonConsent }) {
  const { t, language, formatMoment } = useI18n();
  const recordById = new Map(data.history.map((record) => [record.id, record]));
  return (
    <>
      <h3>{t('ui.person.current', { year: data.schoolYear })}</h3>
      <table className="table">
        <TableHead columns={['ui.col.channel', 'ui.col.status', 'ui.person.col.since', 'ui.person.col.basis']} />
        <tbody>
          {data.channels.map((answer) => {
            const record = answer.recordId === null ? undefined : recordById.get(answer.recordId);
            return (
              <tr key={answer.channelId}>
                <th scope="row">{language === 'nl' ? answer.channelLabelNl : answer.channelLabelEn}</th>
                <td>
                  <StatusBadge status={answer.status} />
                </td>
                <td>{record ? formatMoment(record.effectiveFrom) : '–'}</td>
                <td>{record ? <SourceText record={record} /> : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

export function ConsentHistory({
  history,
  channelLabel,
}: {
  history: PersonConsent['history'];
  channelLabel: (id: string) => string;
}) {
  const { t, formatDateTime, formatMoment } = useI18n();
  return (
    <>
      <h3>{t('ui.person.history')}</h3>
      {history.length === 0 ? (
        <p className="empty">{t('ui.person.noHistory')}</p>
      ) : (
        <table className="table compact">
          <TableHead
            columns={[
              'ui.person.col.recorded',
              'ui.col.schoolYear',
              'ui.col.channel',
              'ui.col.status',
              'ui.person.col.effective',
              'ui.person.col.source',
              'ui.person.col.actor',
            ]}
          />
          <tbody>
            {history.map((record) => (
              <tr key={record.id}>
                <td className="nowrap">{formatDateTime(record.recordedAt)}</td>
                <td>{record.schoolYear}</td>
                <td>
                  {channelLabel(record.channelId)} <span className="muted">v{record.version}</span>
                </td>
                <td>
                  <StatusBadge status={record.status} />
                </td>
                <td className="nowrap">{formatMoment(record.effectiveFrom)}</td>
                <td>
                  <SourceText record={record} />
                  {record.reason && <div className="muted">{t('ui.person.reason', { reason: record.reason })}</div>}
                  {record.signedBy && (
                    <div className="muted">
                      {record.signedOn
                        ? t('ui.person.signed', {
                            signer: t(`consent.signer.${record.signedBy}`),
                            date: formatMoment(record.signedOn),
                          })
                        : t('ui.person.signedBy', { signer: t(`consent.signer.${record.signedBy}`) })}
                    </div>
                  )}
                </td>
                <td>{record.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function StatusBadge({ status }: { status: ConsentRecord['status'] | 'none' }) {
  const { t } = useI18n();
  const tone = status === 'granted' ? 'ok' : status === 'withdrawn' || status === 'refused' ? 'bad' : 'warn';
  return <span className={`badge ${tone}`}>{t(`consent.status.${status}`)}</span>;
}

function SourceText({ record }: { record: ConsentRecord }) {
  const { t } = useI18n();
  if (record.source === 'import') {
    return <>{t('ui.person.source.import', { importId: record.importId ?? '?', file: record.importFileName ?? '' })}</>;
  }
  return <>{t(`consent.source.${record.source}`)}</>;
}
