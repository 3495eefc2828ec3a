// One person: consent per channel for the current school year, the full history, and the two changes an
// administrator makes by hand — a withdrawal and a manual change — each with a reason.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  displayName,
  localDay,
  type ConsentRecord,
  type ListConsentStatus,
  type PersonConsent,
  type Signer,
} from '../../../../shared/consent';
import type { SerializedError } from '../../../../shared/errors';
import type { PublicationView } from '../../../../shared/ipc/publish';
import { call, errorOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PathField } from '../../components/PathField';
import { useChannels } from '../../components/useChannels';
import { useI18n } from '../../i18n';

type Panel = 'none' | 'withdraw' | 'manual';

export function PersonPage({ personId, onBack }: { personId: number; onBack: () => void }) {
  const { t, language, formatDateTime, formatMoment } = useI18n();
  const ids = useId();
  const { channels, label: channelLabel } = useChannels();
  const [data, setData] = useState<PersonConsent | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  const [panel, setPanel] = useState<Panel>('none');
  const [done, setDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const manualButton = useRef<HTMLButtonElement>(null);
  /** Closing a form (Escape, Cancel) puts the focus back on the button that opened it. */
  const closePanel = () => {
    const opener = panel === 'withdraw' ? withdrawButton.current : panel === 'manual' ? manualButton.current : null;
    setPanel('none');
    opener?.focus();
  };

  const load = useCallback(async () => {
    try {
      setData(await call('getPersonConsent', { personId }));
    } catch (caught) {
      setError(errorOf(caught));
    }
  }, [personId]);
  useEffect(() => {
    let live = true;
    call('getPersonConsent', { personId }).then(
      (answer) => live && setData(answer),
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
  }, [personId]);
  useEffect(() => {
    headingRef.current?.focus();
  }, [personId]);

  if (!data) {
    return (
      <section className="page">
        <button type="button" className="back" onClick={onBack}>
          {t('ui.person.back')}
        </button>
        {error ? <ErrorAlert error={error} /> : <p>{t('common.loading')}</p>}
      </section>
    );
  }

  const { person } = data;
  const name = displayName(person);
  const recordById = new Map(data.history.map((record) => [record.id, record]));
  const withdrawn = data.channels.filter((channel) => channel.status === 'withdrawn');
  const channelsOfYear = data.channels.filter((channel) => channel.status !== 'none');
  const activeChannels = channels.filter((channel) => !channel.retiredAt);

  async function saved(message: string) {
    setPanel('none');
    setDone(message);
    setError(null);
    await load();
  }

  return (
    <section className="person" aria-labelledby={`${ids}-name`}>
      <button type="button" className="back" onClick={onBack}>
        {t('ui.person.back')}
      </button>
      <h2 id={`${ids}-name`} ref={headingRef} tabIndex={-1}>
        {name}
      </h2>
      <p className="muted">
        {[
          `${t(`consent.kind.${person.kind}`)} ${person.externalKey ?? ''}`.trim(),
          person.className ? t('ui.person.class', { className: person.className }) : null,
          person.birthDate ? t('ui.person.born', { date: formatMoment(person.birthDate) }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>

      <h3>{t('ui.person.current', { year: data.schoolYear })}</h3>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('ui.col.channel')}</th>
            <th scope="col">{t('ui.col.status')}</th>
            <th scope="col">{t('ui.person.col.since')}</th>
            <th scope="col">{t('ui.person.col.basis')}</th>
          </tr>
        </thead>
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

      <div className="actions">
        <button
          ref={withdrawButton}
          type="button"
          aria-expanded={panel === 'withdraw'}
          onClick={() => setPanel(panel === 'withdraw' ? 'none' : 'withdraw')}
        >
          {t('ui.person.withdraw')}
        </button>
        <button
          ref={manualButton}
          type="button"
          aria-expanded={panel === 'manual'}
          onClick={() => setPanel(panel === 'manual' ? 'none' : 'manual')}
        >
          {t('ui.person.manual')}
        </button>
        {done && (
          <span role="status" className="ok">
            {done}
          </span>
        )}
      </div>
      {panel === 'withdraw' && (
        <WithdrawForm
          personId={person.id}
          channelIds={channelsOfYear.map((answer) => answer.channelId)}
          channelLabel={channelLabel}
          onCancel={closePanel}
          onSaved={(records) =>
            void saved(
              t('ui.person.withdrawn', {
                channels: records.map((record) => channelLabel(record.channelId)).join(', '),
              }),
            )
          }
        />
      )}
      {panel === 'manual' && (
        <ManualForm
          personId={person.id}
          channelIds={activeChannels.map((channel) => channel.id)}
          channelLabel={channelLabel}
          onCancel={closePanel}
          onSaved={(record) =>
            void saved(
              t('ui.person.manualSaved', {
                channel: channelLabel(record.channelId),
                status: t(`consent.status.${record.status}`),
              }),
            )
          }
        />
      )}
      <ErrorAlert error={error} />

      {withdrawn.length > 0 && (
        <TakedownSection
          personId={person.id}
          channelIds={withdrawn.map((answer) => answer.channelId)}
          channelLabel={channelLabel}
          headingId={`${ids}-takedown`}
        />
      )}
      <WherePublished personId={person.id} channelLabel={channelLabel} />

      <h3>{t('ui.person.history')}</h3>
      {data.history.length === 0 ? (
        <p className="empty">{t('ui.person.noHistory')}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('ui.person.col.recorded')}</th>
              <th scope="col">{t('ui.col.schoolYear')}</th>
              <th scope="col">{t('ui.col.channel')}</th>
              <th scope="col">{t('ui.col.status')}</th>
              <th scope="col">{t('ui.person.col.effective')}</th>
              <th scope="col">{t('ui.person.col.source')}</th>
              <th scope="col">{t('ui.person.col.actor')}</th>
            </tr>
          </thead>
          <tbody>
            {data.history.map((record) => (
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
    </section>
  );
}

function StatusBadge({ status }: { status: ConsentRecord['status'] | 'none' }) {
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

/** Escape closes a form, like a dialog. */
function closeOnEscape(onCancel: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };
}

function WithdrawForm({
  personId,
  channelIds,
  channelLabel,
  onCancel,
  onSaved,
}: {
  personId: number;
  channelIds: readonly string[];
  channelLabel: (id: string) => string;
  onCancel: () => void;
  onSaved: (records: ConsentRecord[]) => void;
}) {
  const { t } = useI18n();
  const today = localDay(new Date());
  const [channelId, setChannelId] = useState<string>('all');
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SerializedError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 3) return setError({ code: 'consent.reason.required', params: {} });
    setBusy(true);
    setError(null);
    try {
      // Today: in effect from this moment; an earlier day: from the start of that day.
      const records = await call('withdrawConsent', {
        personId,
        channelId,
        reason,
        ...(date && date !== today ? { date } : {}),
      });
      onSaved(records);
    } catch (caught) {
      setError(errorOf(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel form"
      onSubmit={submit}
      onKeyDown={closeOnEscape(onCancel)}
      aria-label={t('ui.person.withdraw')}
    >
      <h3>{t('ui.person.withdraw.title')}</h3>
      <p className="muted">{t('ui.person.withdraw.help')}</p>
      <label className="field">
        <span>{t('ui.col.channel')}</span>
        <select name="channel" value={channelId} onChange={(event) => setChannelId(event.target.value)} autoFocus>
          <option value="all">{t('ui.person.allChannels')}</option>
          {channelIds.map((id) => (
            <option key={id} value={id}>
              {channelLabel(id)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('ui.person.date')}</span>
        <input
          type="date"
          name="date"
          value={date}
          max={today}
          required
          onChange={(event) => setDate(event.target.value)}
        />
      </label>
      <ReasonAndActions
        reason={reason}
        onReason={(value) => {
          setReason(value);
          setError(null);
        }}
        error={error}
        busy={busy}
        onCancel={onCancel}
        submitLabel={t('ui.person.withdraw.submit')}
        danger
      />
    </form>
  );
}

function ManualForm({
  personId,
  channelIds,
  channelLabel,
  onCancel,
  onSaved,
}: {
  personId: number;
  channelIds: readonly string[];
  channelLabel: (id: string) => string;
  onCancel: () => void;
  onSaved: (record: ConsentRecord) => void;
}) {
  const { t } = useI18n();
  const today = localDay(new Date());
  const [chosenChannel, setChannelId] = useState('');
  // The channels may arrive after the form opened: until one is chosen, the first one counts.
  const channelId = chosenChannel || (channelIds[0] ?? '');
  const [status, setStatus] = useState<ListConsentStatus>('granted');
  const [signedBy, setSignedBy] = useState<Signer | ''>('parent');
  const [signedOn, setSignedOn] = useState(today);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SerializedError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 3) return setError({ code: 'consent.reason.required', params: {} });
    setBusy(true);
    setError(null);
    try {
      const record = await call('recordManualConsent', {
        personId,
        channelId,
        status,
        reason,
        signedBy: signedBy === '' ? null : signedBy,
        signedOn: signedOn === '' ? null : signedOn,
      });
      onSaved(record);
    } catch (caught) {
      setError(errorOf(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel form"
      onSubmit={submit}
      onKeyDown={closeOnEscape(onCancel)}
      aria-label={t('ui.person.manual')}
    >
      <h3>{t('ui.person.manual.title')}</h3>
      <p className="muted">{t('ui.person.manual.help')}</p>
      <div className="form-grid">
        <label className="field">
          <span>{t('ui.col.channel')}</span>
          <select name="channel" value={channelId} onChange={(event) => setChannelId(event.target.value)} autoFocus>
            {channelIds.map((id) => (
              <option key={id} value={id}>
                {channelLabel(id)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('ui.col.status')}</span>
          <select name="status" value={status} onChange={(event) => setStatus(event.target.value as ListConsentStatus)}>
            {(['granted', 'refused', 'not_returned'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`consent.status.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('consent.field.signedBy')}</span>
          <select name="signedBy" value={signedBy} onChange={(event) => setSignedBy(event.target.value as Signer | '')}>
            <option value="">{t('consent.none')}</option>
            {(['parent', 'guardian', 'self'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`consent.signer.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('consent.field.signedOn')}</span>
          <input
            type="date"
            name="signedOn"
            value={signedOn}
            max={today}
            onChange={(event) => setSignedOn(event.target.value)}
          />
        </label>
      </div>
      <ReasonAndActions
        reason={reason}
        onReason={(value) => {
          setReason(value);
          setError(null);
        }}
        error={error}
        busy={busy}
        onCancel={onCancel}
        submitLabel={t('ui.person.manual.submit')}
      />
    </form>
  );
}

/** After a withdrawal: the exported files that show this person on the withdrawn channels, and that list as CSV. */
function TakedownSection({
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
  const [rows, setRows] = useState<readonly PublicationView[] | null>(null);
  const [csvPath, setCsvPath] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  const channelKey = channelIds.join(',');
  useEffect(() => {
    let live = true;
    call('takedownList', { personId, channelIds: channelKey.split(',') }).then(
      (list) => live && setRows(list),
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
  }, [personId, channelKey]);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!csvPath.trim()) return;
    setError(null);
    setSaved(null);
    try {
      const answer = await call('saveTakedownCsv', { personId, channelIds: [...channelIds], path: csvPath.trim() });
      setSaved(t('ui.takedown.saved', { path: answer.path, rows: answer.rows }));
    } catch (caught) {
      setError(errorOf(caught));
    }
  }

  return (
    <section className="panel takedown" data-slot="takedown-list" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('ui.takedown.title')}</h3>
      <p>{t('ui.takedown.channels', { channels: channelIds.map(channelLabel).join(', ') })}</p>
      {rows === null ? (
        <p>{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty">{t('ui.takedown.none')}</p>
      ) : (
        <>
          <p>{t('ui.takedown.count', { count: rows.length })}</p>
          <PublicationTable rows={rows} channelLabel={channelLabel} />
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
              <button type="submit" className="primary" disabled={!csvPath.trim()}>
                {t('ui.takedown.save')}
              </button>
            </div>
          </form>
          {saved && (
            <p role="status" className="ok">
              {saved}
            </p>
          )}
        </>
      )}
      <ErrorAlert error={error} />
    </section>
  );
}

function WherePublished({ personId, channelLabel }: { personId: number; channelLabel: (id: string) => string }) {
  const { t } = useI18n();
  const ids = useId();
  const [rows, setRows] = useState<readonly PublicationView[] | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  useEffect(() => {
    let live = true;
    call('wherePublished', { personId }).then(
      (list) => live && setRows(list),
      (caught: unknown) => live && setError(errorOf(caught)),
    );
    return () => {
      live = false;
    };
  }, [personId]);
  return (
    <section className="where-published" aria-labelledby={`${ids}-where`}>
      <h3 id={`${ids}-where`}>{t('ui.where.title')}</h3>
      <ErrorAlert error={error} />
      {rows === null ? (
        <p>{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty">{t('ui.where.none')}</p>
      ) : (
        <>
          <p>{t('ui.where.count', { count: rows.length })}</p>
          <PublicationTable rows={rows} channelLabel={channelLabel} />
        </>
      )}
    </section>
  );
}

function PublicationTable({
  rows,
  channelLabel,
}: {
  rows: readonly PublicationView[];
  channelLabel: (id: string) => string;
}) {
  const { t, formatMoment } = useI18n();
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th scope="col">{t('ui.takedown.col.date')}</th>
          <th scope="col">{t('ui.col.channel')}</th>
          <th scope="col">{t('ui.takedown.col.file')}</th>
          <th scope="col">{t('ui.takedown.col.folder')}</th>
        </tr>
      </thead>
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
  );
}

/** The end of the withdrawal and manual-change forms: the reason the audit trail records, errors, and the buttons. */
function ReasonAndActions(props: {
  reason: string;
  onReason: (value: string) => void;
  error: SerializedError | null;
  busy: boolean;
  onCancel: () => void;
  submitLabel: string;
  danger?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <label className="field">
        <span>{t('ui.person.reasonLabel')}</span>
        <textarea
          name="reason"
          value={props.reason}
          rows={2}
          maxLength={500}
          required
          onChange={(event) => props.onReason(event.target.value)}
        />
        <small>{t('ui.person.reasonHelp')}</small>
      </label>
      <ErrorAlert error={props.error} />
      <div className="actions">
        <button type="button" onClick={props.onCancel}>
          {t('ui.cancel')}
        </button>
        <button type="submit" className={props.danger ? 'primary danger' : 'primary'} disabled={props.busy}>
          {props.submitLabel}
        </button>
      </div>
    </>
  );
}
