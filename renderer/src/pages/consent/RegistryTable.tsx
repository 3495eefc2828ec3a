// The consent registry as a table: search (name, number, class; accents ignored) and a class filter, in pages
// so a school of 2,000 people stays quick.
import { useId } from 'react';
import { displayName } from '../../../../shared/consent';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { TableHead } from '../../components/TableHead';
import { useChannels } from '../../components/useChannels';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';

const PAGE_SIZE = 50;

export interface RegistryQuery {
  readonly search: string;
  readonly className: string;
  readonly page: number;
}

export function RegistryTable({
  query,
  onQuery,
  onOpenPerson,
  onImport,
}: {
  query: RegistryQuery;
  onQuery: (query: RegistryQuery) => void;
  onOpenPerson: (personId: number) => void;
  onImport: () => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const { channels, label: channelLabel } = useChannels();
  const classes = useQuery('classes', () => call('listClasses', {}));
  // Typing waits a moment so each key press does not start a query. While a new search loads, the old rows are
  // shown dimmed.
  const found = useQuery(
    JSON.stringify([query.search, query.className]),
    () =>
      call('listPeople', {
        limit: 5000,
        ...(query.search.trim() ? { search: query.search.trim() } : {}),
        ...(query.className ? { className: query.className } : {}),
      }),
    { delayMs: 120 },
  );
  const people = found.data;
  const pending = found.loading;
  const error = found.error ?? classes.error;

  const activeChannels = channels.filter((channel) => !channel.retiredAt);
  const total = people?.length ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pages - 1);
  const shown = people?.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE) ?? [];
  const filtered = query.search.trim() !== '' || query.className !== '';

  return (
    <section aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="visually-hidden">
        {t('ui.registry.title')}
      </h2>
      <div className="filters" role="search">
        <Field label="ui.registry.search" grow>
          <input
            type="search"
            name="search"
            value={query.search}
            placeholder={t('ui.registry.search.placeholder')}
            onChange={(event) => onQuery({ ...query, search: event.target.value, page: 0 })}
          />
        </Field>
        <Field label="ui.registry.class">
          <select
            name="className"
            value={query.className}
            onChange={(event) => onQuery({ ...query, className: event.target.value, page: 0 })}
          >
            <option value="">{t('ui.registry.allClasses')}</option>
            {(classes.data ?? []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorAlert error={error} />
      {people === null || (pending && total === 0) ? (
        <p>{t('common.loading')}</p>
      ) : total === 0 ? (
        filtered ? (
          <p className="empty">{t('ui.registry.noMatch')}</p>
        ) : (
          <div className="empty">
            <p>{t('consent.empty')}</p>
            <button type="button" className="primary" onClick={onImport}>
              {t('ui.consent.tab.import')}
            </button>
          </div>
        )
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('ui.registry.count', {
              from: page * PAGE_SIZE + 1,
              to: Math.min(total, (page + 1) * PAGE_SIZE),
              total,
            })}
          </p>
          <table className={pending ? 'table stale' : 'table'} aria-busy={pending}>
            <TableHead columns={['ui.col.key', 'ui.col.name', 'ui.col.class', 'ui.registry.col.granted']} />
            <tbody>
              {shown.map((person) => (
                <tr key={person.id}>
                  <td>{person.externalKey ?? '–'}</td>
                  <td className="nowrap">
                    <button type="button" className="link" onClick={() => onOpenPerson(person.id)}>
                      {displayName(person)}
                    </button>
                  </td>
                  <td>{person.className ?? '–'}</td>
                  <td>
                    {person.grantedChannels.length === 0 ? (
                      <span className="badge bad">{t('ui.registry.noneGranted')}</span>
                    ) : person.grantedChannels.length === activeChannels.length ? (
                      <span className="badge ok">{t('ui.registry.allGranted')}</span>
                    ) : (
                      <span className="chips">
                        {person.grantedChannels.map((id) => (
                          <span key={id} className="badge ok">
                            {channelLabel(id)}
                          </span>
                        ))}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages > 1 && (
            <nav className="pager" aria-label={t('ui.pager.label')}>
              <button type="button" disabled={page === 0} onClick={() => onQuery({ ...query, page: page - 1 })}>
                {t('ui.pager.previous')}
              </button>
              <span>{t('ui.pager.page', { page: page + 1, pages })}</span>
              <button type="button" disabled={page >= pages - 1} onClick={() => onQuery({ ...query, page: page + 1 })}>
                {t('ui.pager.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
