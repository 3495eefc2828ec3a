// The privacy officer's view of the audit trail: filter by action, actor, words and dates; page back through a
// long trail; verify that nothing was altered; a report to hand on (AuditReport).
import { useCallback, useId, useState } from 'react';
import { isMessageKey } from '../../../../shared/i18n';
import type { AuditEvent, AuditVerification, JsonValue } from '../../../../shared/types';
import { call } from '../../api';
import { Busy } from '../../components/Busy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { TableHead } from '../../components/TableHead';
import { useAction } from '../../components/useAction';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';
import { AuditProof } from './AuditProof';
import { AuditReport } from './AuditReport';

const PAGE_SIZE = 100;

interface AuditFilter {
  readonly action: string;
  readonly actorOs: string;
  readonly search: string;
  /** Local days, 'YYYY-MM-DD' or ''. */
  readonly from: string;
  readonly to: string;
}

const NO_FILTER: AuditFilter = { action: '', actorOs: '', search: '', from: '', to: '' };

interface AuditTrailPage {
  readonly rows: readonly AuditEvent[];
  /** A full page: older rows may follow. */
  readonly hasMore: boolean;
}

/** The start of a local day as an ISO timestamp; `plusDays` 1 gives the end of it. */
function dayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

function queryOf(filter: AuditFilter) {
  return {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actorOs ? { actorOs: filter.actorOs } : {}),
    ...(filter.search.trim() ? { search: filter.search.trim() } : {}),
    ...(filter.from ? { from: dayStart(filter.from) } : {}),
    ...(filter.to ? { to: dayStart(filter.to, 1) } : {}),
  };
}

export function AuditPage() {
  const { t, formatDateTime } = useI18n();
  const ids = useId();
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const verifying = useAction();
  const older = useAction();
  const facets = useQuery('facets', () => call('listAuditFacets', {}));
  // The newest page for the filter, a moment after its last change; older pages are added to it. While a new
  // filter loads, the old rows are shown dimmed.
  const trail = useQuery(
    JSON.stringify(filter),
    async (): Promise<AuditTrailPage> => {
      const rows = await call('listAuditEvents', { limit: PAGE_SIZE, ...queryOf(filter) });
      return { rows, hasMore: rows.length === PAGE_SIZE };
    },
    { delayMs: 150 },
  );
  const events = trail.data?.rows ?? null;
  const hasMore = trail.data?.hasMore ?? false;
  const pending = trail.loading;
  const error = verifying.error ?? older.error ?? trail.error ?? facets.error;

  const actionLabel = useCallback(
    (action: string) => {
      const key = `ui.audit.action.${action}`;
      return isMessageKey(key) ? t(key) : action;
    },
    [t],
  );

  async function loadOlder() {
    const last = events?.at(-1);
    if (!last) return;
    const page = await older.run(() =>
      call('listAuditEvents', { limit: PAGE_SIZE, beforeSeq: last.seq, ...queryOf(filter) }),
    );
    if (page) trail.setData({ rows: [...(events ?? []), ...page.value], hasMore: page.value.length === PAGE_SIZE });
  }

  async function verify() {
    const answer = await verifying.run(() => call('verifyAuditTrail', {}), { busy: 'ui.audit.verifying' });
    if (answer) setVerification(answer.value);
  }

  const filtered = JSON.stringify(filter) !== JSON.stringify(NO_FILTER);

  return (
    <section className="page">
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void verify()} disabled={verifying.busy}>
          {t('audit.verify')}
        </button>
        {verification && (
          <span role="status" className={`verify ${verification.ok ? 'ok' : 'error'}`}>
            {verification.ok
              ? t('audit.verify.ok', { count: verification.count, head: verification.headHash.slice(0, 12) })
              : t('audit.verify.bad', {
                  seq: verification.firstBadSeq,
                  reason: t(`audit.reason.${verification.reason}`),
                })}
          </span>
        )}
      </div>
      <Busy label={verifying.busyLabel} />
      <AuditReport />
      <AuditProof />

      <form
        className="filters audit-filters"
        role="search"
        aria-labelledby={`${ids}-filters`}
        onSubmit={(e) => e.preventDefault()}
      >
        <h2 id={`${ids}-filters`} className="visually-hidden">
          {t('ui.audit.filters')}
        </h2>
        <Field label="ui.audit.filter.action">
          <select
            name="action"
            value={filter.action}
            onChange={(e) => setFilter({ ...filter, action: e.target.value })}
          >
            <option value="">{t('ui.audit.filter.allActions')}</option>
            {(facets.data?.actions ?? []).map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="ui.audit.filter.actor">
          <select
            name="actor"
            value={filter.actorOs}
            onChange={(e) => setFilter({ ...filter, actorOs: e.target.value })}
          >
            <option value="">{t('ui.audit.filter.allActors')}</option>
            {(facets.data?.actors ?? []).map((actor) => (
              <option key={actor.os} value={actor.os}>
                {actor.name ? `${actor.name} (${actor.os})` : actor.os}
              </option>
            ))}
          </select>
        </Field>
        <Field label="ui.audit.filter.search" grow>
          <input
            type="search"
            name="search"
            value={filter.search}
            placeholder={t('ui.audit.filter.search.placeholder')}
            onChange={(e) => setFilter({ ...filter, search: e.target.value })}
          />
        </Field>
        <Field label="ui.audit.filter.from">
          <input
            type="date"
            name="from"
            value={filter.from}
            onChange={(e) => setFilter({ ...filter, from: e.target.value })}
          />
        </Field>
        <Field label="ui.audit.filter.to">
          <input
            type="date"
            name="to"
            value={filter.to}
            onChange={(e) => setFilter({ ...filter, to: e.target.value })}
          />
        </Field>
        {filtered && (
          <button type="button" className="align-end" onClick={() => setFilter(NO_FILTER)}>
            {t('ui.audit.filter.clear')}
          </button>
        )}
      </form>

      <ErrorAlert error={error} />
      {events === null || (pending && events.length === 0) ? (
        <p>{t('common.loading')}</p>
      ) : events.length === 0 ? (
        <p className="empty">{filtered ? t('ui.audit.noMatch') : t('ui.audit.empty')}</p>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t(hasMore ? 'ui.audit.shownMore' : 'ui.audit.shown', { count: events.length })}
          </p>
          <table className={pending ? 'table stale' : 'table'} aria-busy={pending}>
            <TableHead
              columns={[
                'audit.col.seq',
                'audit.col.at',
                'audit.col.actor',
                'audit.col.action',
                'audit.col.subject',
                'ui.audit.col.details',
              ]}
            />
            <tbody>
              {events.map((event) => (
                <tr key={event.seq}>
                  <td>{event.seq}</td>
                  <td className="nowrap">{formatDateTime(event.at)}</td>
                  <td>{event.actorName ? `${event.actorName} (${event.actorOs})` : event.actorOs}</td>
                  <td>
                    {actionLabel(event.action)}
                    <div>
                      <code className="muted">{event.action}</code>
                    </div>
                  </td>
                  <td className="break">{event.subject}</td>
                  <td>
                    <Details details={event.details} personal={event.personal} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {hasMore && (
            <div className="actions">
              <button type="button" onClick={() => void loadOlder()}>
                {t('ui.audit.older')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The sealed details, then the personal details kept beside the chain (or a note that they were erased). */
function Details({ details, personal }: { details: JsonValue; personal?: JsonValue | null | undefined }) {
  const { t } = useI18n();
  if (details === null || typeof details !== 'object' || Array.isArray(details)) {
    return <code>{JSON.stringify(details)}</code>;
  }
  const entries: Array<[string, JsonValue]> = Object.entries(details);
  if (personal === null) entries.push([t('ui.audit.personal'), t('ui.audit.personalErased')]);
  else if (personal !== undefined && typeof personal === 'object' && !Array.isArray(personal))
    entries.push(...Object.entries(personal));
  if (entries.length === 0) return <span className="muted">–</span>;
  return (
    <details>
      <summary>{t('ui.audit.details', { count: entries.length })}</summary>
      <dl className="details">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
