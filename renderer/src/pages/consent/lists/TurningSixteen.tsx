// Pupils turning 16 within 30 days, or who turned 16 since their last signed form: from then on they sign
// themselves (and may withdraw); a parent's signature no longer grants a new consent year.
import { useId } from 'react';
import { TURNING_SIXTEEN_DAYS } from '../../../../../shared/consentLists';
import { call } from '../../../api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TableHead } from '../../../components/TableHead';
import { useChannels } from '../../../components/useChannels';
import { useQuery } from '../../../components/useQuery';
import { useI18n } from '../../../i18n';
import { StatusBadge } from '../person/ConsentTables';

export function TurningSixteen({ onOpenPerson }: { onOpenPerson: (personId: number) => void }) {
  const { t, formatMoment } = useI18n();
  const ids = useId();
  const { label: channelLabel } = useChannels();
  const list = useQuery('turning16', () => call('listTurningSixteen', {}));
  const items = list.data;

  return (
    <section aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('ui.turning16.title')}</h2>
      <p className="muted">{t('ui.turning16.intro', { days: TURNING_SIXTEEN_DAYS })}</p>
      {items === null && !list.error && <p>{t('common.loading')}</p>}
      {items?.length === 0 && <p className="empty">{t('ui.turning16.none')}</p>}
      {items && items.length > 0 && (
        <table className="table">
          <TableHead
            columns={[
              'ui.col.name',
              'ui.turning16.col.birthday',
              'ui.turning16.col.lastForm',
              'ui.turning16.col.consents',
            ]}
          />
          <tbody>
            {items.map((item) => (
              <tr key={item.person.personId}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => onOpenPerson(item.person.personId)}>
                    {item.person.name}
                  </button>{' '}
                  <span className="muted">{[item.person.key, item.person.className].filter(Boolean).join(' · ')}</span>
                </th>
                <td>
                  {formatMoment(item.sixteenthBirthday)}{' '}
                  <span className={item.when === 'soon' ? 'badge warn' : 'badge bad'}>
                    {item.when === 'soon'
                      ? t('ui.turning16.inDays', { days: item.daysUntil })
                      : t('ui.turning16.daysAgo', { days: -item.daysUntil })}
                  </span>
                </td>
                <td>
                  {item.lastForm
                    ? t('ui.turning16.form', {
                        date: formatMoment(item.lastForm.signedOn),
                        signer: item.lastForm.signedBy ? t(`consent.signer.${item.lastForm.signedBy}`) : '–',
                      })
                    : t('ui.turning16.noForm')}
                </td>
                <td>
                  <span className="chips">
                    {item.consents.map((state) => (
                      <span key={state.channelId} title={channelLabel(state.channelId)}>
                        {channelLabel(state.channelId)}: <StatusBadge status={state.status} />
                      </span>
                    ))}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorAlert error={list.error} />
    </section>
  );
}
