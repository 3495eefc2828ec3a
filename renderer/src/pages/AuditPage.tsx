// The privacy officer's view of the audit trail: filter by action, actor, words and dates; page back through a
// long trail; verify that nothing was altered.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { localDay } from '../../../shared/consent';
import type { SerializedError } from '../../../shared/errors';
import { isMessageKey } from '../../../shared/i18n';
import type { AuditEvent, AuditFacets, AuditVerification, JsonValue } from '../../../shared/types';
import { call, errorOf } from '../api';
import { Busy } from '../components/Busy';
import { ErrorAlert } from '../components/ErrorAlert';
import { PathField } from '../components/PathField';
import { useDebouncedLoad } from '../components/useDebouncedLoad';
import { useI18n } from '../i18n';

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
  const [filter, setFilterState] = useState<AuditFilter>(NO_FILTER);
  // True from a filter change until its answer is on screen: the old rows are shown dimmed meanwhile.
  const [pending, setPending] = useState(false);
  const setFilter = (next: AuditFilter) => {
    setFilterState(next);
    setPending(true);
  };
  const [facets, setFacets] = useState<AuditFacets>({ actions: [], actors: [] });
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [error, setError] = useState<SerializedError | null>(null);

  const actionLabel = useCallback(
    (action: string) => {
      const key = `ui.audit.action.${action}`;
      return isMessageKey(key) ? t(key) : action;
    },
    [t],
  );

  useEffect(() => {
    call('listAuditFacets', {}).then(setFacets, (caught: unknown) => setError(errorOf(caught)));
  }, []);

  useDebouncedLoad(
    JSON.stringify(filter),
    150,
    () => call('listAuditEvents', { limit: PAGE_SIZE, ...queryOf(filter) }),
    {
      value: (page) => {
        setEvents(page);
        setHasMore(page.length === PAGE_SIZE);
        setError(null);
        setPending(false);
      },
      error: (loadError) => {
        setError(loadError);
        setPending(false);
      },
    },
  );

  async function loadOlder() {
    const last = events?.at(-1);
    if (!last) return;
    try {
      const page = await call('listAuditEvents', { limit: PAGE_SIZE, beforeSeq: last.seq, ...queryOf(filter) });
      setEvents([...(events ?? []), ...page]);
      setHasMore(page.length === PAGE_SIZE);
    } catch (caught) {
      setError(errorOf(caught));
    }
  }

  async function verify() {
    setError(null);
    setVerifying(true);
    try {
      setVerification(await call('verifyAuditTrail', {}));
    } catch (caught) {
      setError(errorOf(caught));
    } finally {
      setVerifying(false);
    }
  }

  const filtered = JSON.stringify(filter) !== JSON.stringify(NO_FILTER);

  return (
    <section className="page">
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void verify()} disabled={verifying}>
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
      <Busy label={verifying ? 'ui.audit.verifying' : null} />
      <AuditReport />

      <form
        className="filters audit-filters"
        role="search"
        aria-labelledby={`${ids}-filters`}
        onSubmit={(e) => e.preventDefault()}
      >
        <h2 id={`${ids}-filters`} className="visually-hidden">
          {t('ui.audit.filters')}
        </h2>
        <label className="field">
          <span>{t('ui.audit.filter.action')}</span>
          <select
            name="action"
            value={filter.action}
            onChange={(e) => setFilter({ ...filter, action: e.target.value })}
          >
            <option value="">{t('ui.audit.filter.allActions')}</option>
            {facets.actions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('ui.audit.filter.actor')}</span>
          <select
            name="actor"
            value={filter.actorOs}
            onChange={(e) => setFilter({ ...filter, actorOs: e.target.value })}
          >
            <option value="">{t('ui.audit.filter.allActors')}</option>
            {facets.actors.map((actor) => (
              <option key={actor.os} value={actor.os}>
                {actor.name ? `${actor.name} (${actor.os})` : actor.os}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('ui.audit.filter.search')}</span>
          <input
            type="search"
            name="search"
            value={filter.search}
            placeholder={t('ui.audit.filter.search.placeholder')}
            onChange={(e) => setFilter({ ...filter, search: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('ui.audit.filter.from')}</span>
          <input
            type="date"
            name="from"
            value={filter.from}
            onChange={(e) => setFilter({ ...filter, from: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('ui.audit.filter.to')}</span>
          <input
            type="date"
            name="to"
            value={filter.to}
            onChange={(e) => setFilter({ ...filter, to: e.target.value })}
          />
        </label>
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
            <thead>
              <tr>
                <th scope="col">{t('audit.col.seq')}</th>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.subject')}</th>
                <th scope="col">{t('ui.audit.col.details')}</th>
              </tr>
            </thead>
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
                    <Details details={event.details} />
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

function Details({ details }: { details: JsonValue }) {
  const { t } = useI18n();
  if (details === null || typeof details !== 'object' || Array.isArray(details)) {
    return <code>{JSON.stringify(details)}</code>;
  }
  const entries = Object.entries(details);
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

/** The report a privacy officer hands on: a period, CSV or PDF, where to save it. */
function AuditReport() {
  const { t } = useI18n();
  const ids = useId();
  const today = localDay(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [format, setFormat] = useState<'pdf' | 'csv'>('pdf');
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!target.trim()) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const answer = await call('saveAuditReport', { from, to, format, path: target.trim() });
      setSaved(t('ui.report.saved', { path: answer.path, events: answer.events }));
    } catch (caught) {
      setError(errorOf(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <details className="panel report">
      <summary>
        <h2 id={`${ids}-report`}>{t('ui.report.title')}</h2>
      </summary>
      <form className="report-form" onSubmit={(event) => void save(event)} aria-labelledby={`${ids}-report`}>
        <p className="muted">{t('ui.report.intro')}</p>
        <div className="filters">
          <label className="field">
            <span>{t('ui.report.from')}</span>
            <input type="date" name="reportFrom" value={from} required onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('ui.report.to')}</span>
            <input type="date" name="reportTo" value={to} required onChange={(e) => setTo(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('ui.report.format')}</span>
            <select name="reportFormat" value={format} onChange={(e) => setFormat(e.target.value as 'pdf' | 'csv')}>
              <option value="pdf">PDF</option>
              <option value="csv">CSV</option>
            </select>
          </label>
        </div>
        <div className="form-row">
          <PathField
            label="ui.report.path"
            name="reportPath"
            value={target}
            onChange={setTarget}
            purpose={format === 'pdf' ? 'auditReportPdf' : 'auditReportCsv'}
            placeholder="ui.report.path.placeholder"
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || !target.trim()}>
              {t('ui.report.save')}
            </button>
          </div>
        </div>
        <Busy label={busy ? 'ui.report.saving' : null} />
        <ErrorAlert error={error} />
        {saved && (
          <p role="status" className="ok">
            {saved}
          </p>
        )}
      </form>
    </details>
  );
}
