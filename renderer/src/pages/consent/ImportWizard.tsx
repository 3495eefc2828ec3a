// The consent import wizard: file → columns → preview → saved. Each step calls the registry's IPC; nothing is
// stored before the person commits the preview they saw (its token).
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  PERSON_FIELDS,
  currentSchoolYear,
  type ConsentMapping,
  type ConsentRowIssue,
  type ImportPersonKind,
  type PersonField,
} from '../../../../shared/consent';
import type { SerializedError } from '../../../../shared/errors';
import type { MessageKey } from '../../../../shared/i18n';
import type {
  ConsentFileInfo,
  ConsentImportCommitResult,
  ConsentImportPreviewResult,
} from '../../../../shared/ipc/consent';
import { call, errorOf } from '../../api';
import { Busy } from '../../components/Busy';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useChannels } from '../../components/useChannels';
import { useI18n } from '../../i18n';

type Step = 'file' | 'mapping' | 'preview' | 'done';
const STEPS: ReadonlyArray<{ id: Step; label: MessageKey }> = [
  { id: 'file', label: 'ui.import.step.file' },
  { id: 'mapping', label: 'ui.import.step.mapping' },
  { id: 'preview', label: 'ui.import.step.preview' },
  { id: 'done', label: 'ui.import.step.done' },
];

/** What one column is used for: '' (not used), 'field:<PersonField>' or 'channel:<id>'. */
type ColumnUse = string;

/** Long lists in the preview show this many lines, then a count of the rest. */
const LIST_LIMIT = 100;

function schoolYearChoices(): string[] {
  const current = currentSchoolYear();
  const start = Number(current.slice(0, 4));
  return [`${start - 1}-${start}`, current, `${start + 1}-${start + 2}`];
}

function usesFromMapping(mapping: ConsentMapping): Record<string, ColumnUse> {
  const uses: Record<string, ColumnUse> = {};
  for (const [field, header] of Object.entries(mapping.fields)) if (header) uses[header] = `field:${field}`;
  for (const [header, channel] of Object.entries(mapping.channels)) uses[header] = `channel:${channel}`;
  return uses;
}

function mappingFromUses(
  headerRow: number,
  personKind: ImportPersonKind,
  headers: readonly string[],
  uses: Readonly<Record<string, ColumnUse>>,
): ConsentMapping {
  const fields: Partial<Record<PersonField, string>> = {};
  const channels: Record<string, string> = {};
  for (const header of headers) {
    const use = uses[header] ?? '';
    if (use.startsWith('field:')) fields[use.slice(6) as PersonField] ??= header;
    else if (use.startsWith('channel:')) channels[header] = use.slice(8);
  }
  return { headerRow, personKind, fields, channels };
}

export function ImportWizard({ onOpenRegistry }: { onOpenRegistry: () => void }) {
  const { t, tError } = useI18n();
  const { channels, label: channelLabel } = useChannels();
  const ids = useId();
  const [step, setStep] = useState<Step>('file');
  const [filePath, setFilePath] = useState('');
  const [info, setInfo] = useState<ConsentFileInfo | null>(null);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [schoolYear, setSchoolYear] = useState(currentSchoolYear());
  const [headerRow, setHeaderRow] = useState(1);
  const [personKind, setPersonKind] = useState<ImportPersonKind>('pupil');
  const [uses, setUses] = useState<Record<string, ColumnUse>>({});
  const [preview, setPreview] = useState<ConsentImportPreviewResult | null>(null);
  const [onlyValid, setOnlyValid] = useState(false);
  const [result, setResult] = useState<ConsentImportCommitResult | null>(null);
  const [busy, setBusy] = useState<MessageKey | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);
  const container = useRef<HTMLDivElement>(null);

  // Each new step (and a newly read file) takes the focus to its heading, so the keyboard continues from there.
  useEffect(() => {
    container.current?.querySelector<HTMLElement>('h2[tabindex]')?.focus();
  }, [step, info]);

  async function run<T>(label: MessageKey, action: () => Promise<T>): Promise<T | null> {
    setBusy(label);
    setError(null);
    try {
      return await action();
    } catch (caught) {
      setError(errorOf(caught));
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function browse() {
    const chosen = await run('ui.import.choosing', () => call('chooseFile', { purpose: 'consentList' }));
    if (chosen?.path) {
      setFilePath(chosen.path);
      await read(chosen.path, undefined);
    }
  }

  async function read(path: string, chosenSheet: string | undefined) {
    const read = await run('ui.import.reading', () =>
      call('readConsentFile', { path, ...(chosenSheet ? { sheet: chosenSheet } : {}) }),
    );
    if (!read) return;
    setInfo(read);
    setSheet(read.sheet ?? undefined);
    setHeaderRow(read.proposedMapping.headerRow);
    setPersonKind(read.proposedMapping.personKind);
    setUses(usesFromMapping(read.proposedMapping));
    setPreview(null);
  }

  function submitFile(event: FormEvent) {
    event.preventDefault();
    if (filePath.trim() !== '') void read(filePath.trim(), undefined);
  }

  const headers = useMemo(() => (info?.sampleRows[headerRow - 1] ?? []).map((cell) => cell), [info, headerRow]);
  const firstDataRow = info?.sampleRows[headerRow] ?? [];
  const mapping = info ? mappingFromUses(headerRow, personKind, headers, uses) : null;

  async function showPreview(event?: FormEvent) {
    event?.preventDefault();
    if (!info || !mapping) return;
    const answer = await run('ui.import.previewing', () =>
      call('previewConsentImport', {
        path: filePath.trim(),
        ...(sheet ? { sheet } : {}),
        schoolYear,
        mapping,
      }),
    );
    if (answer) {
      setPreview(answer);
      setOnlyValid(false);
      setStep('preview');
    }
  }

  async function commit() {
    if (!preview) return;
    const saved = await run('ui.import.saving', () => call('commitConsentImport', { token: preview.token, onlyValid }));
    if (saved) {
      setResult(saved);
      setStep('done');
    }
  }

  function restart() {
    setStep('file');
    setInfo(null);
    setPreview(null);
    setResult(null);
    setFilePath('');
    setError(null);
  }

  const fieldOptions = PERSON_FIELDS.map((field) => ({
    value: `field:${field}`,
    label: t(`consent.field.${field}`),
  }));
  const channelOptions = channels
    .filter((channel) => !channel.retiredAt)
    .map((channel) => ({
      value: `channel:${channel.id}`,
      label: t('ui.import.useChannel', { channel: channelLabel(channel.id) }),
    }));

  const issueReason = (issue: ConsentRowIssue) => tError({ code: issue.code, params: issue.params });

  return (
    <div className="wizard" ref={container}>
      <ol className="steps" aria-label={t('ui.import.steps')}>
        {STEPS.map((entry, index) => (
          <li key={entry.id} aria-current={entry.id === step ? 'step' : undefined}>
            <span className="step-number">{index + 1}</span> {t(entry.label)}
          </li>
        ))}
      </ol>

      {step === 'file' && (
        <>
          <form className="panel form-row" onSubmit={submitFile}>
            <label className="field grow">
              <span>{t('ui.import.path')}</span>
              <input
                name="path"
                value={filePath}
                placeholder={t('ui.import.path.placeholder')}
                onChange={(event) => setFilePath(event.target.value)}
              />
              <small>{t('ui.import.path.help')}</small>
            </label>
            <div className="actions">
              <button type="button" onClick={() => void browse()}>
                {t('ui.import.browse')}
              </button>
              <button type="submit" className="primary" disabled={filePath.trim() === '' || busy !== null}>
                {t('ui.import.read')}
              </button>
            </div>
          </form>
          {!info && !busy && !error && <p className="empty">{t('ui.import.start')}</p>}
        </>
      )}

      {step === 'file' && info && (
        <section className="panel" aria-labelledby={`${ids}-file`}>
          <h2 id={`${ids}-file`} tabIndex={-1}>
            {info.fileName}
          </h2>
          <p className="muted">
            {t('ui.import.fileFacts', { format: info.format.toUpperCase(), rows: info.rowCount })}
            {info.format === 'csv' &&
              ` · ${t('consent.import.csvDetails', { encoding: info.encoding ?? '?', delimiter: info.delimiter === '\t' ? 'tab' : (info.delimiter ?? '?') })}`}
          </p>
          <div className="form-grid">
            <label className="field">
              <span>{t('ui.import.schoolYear')}</span>
              <select name="schoolYear" value={schoolYear} onChange={(event) => setSchoolYear(event.target.value)}>
                {schoolYearChoices().map((year) => (
                  <option key={year} value={year}>
                    {year}
                  </option>
                ))}
              </select>
              <small>{t('ui.import.schoolYear.help')}</small>
            </label>
            {info.sheetNames.length > 0 && (
              <label className="field">
                <span>{t('ui.import.sheet')}</span>
                <select
                  name="sheet"
                  value={sheet ?? ''}
                  onChange={(event) => {
                    setSheet(event.target.value);
                    void read(filePath.trim(), event.target.value);
                  }}
                >
                  {info.sheetNames.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <div className="actions">
            <button type="button" className="primary" onClick={() => setStep('mapping')}>
              {t('ui.import.next.mapping')}
            </button>
          </div>
        </section>
      )}

      {step === 'mapping' && info && mapping && (
        <form className="panel" onSubmit={(event) => void showPreview(event)} aria-labelledby={`${ids}-map`}>
          <h2 id={`${ids}-map`} tabIndex={-1}>
            {t('ui.import.mapping.title', { file: info.fileName })}
          </h2>
          <p className="muted">{t('ui.import.mapping.intro')}</p>
          <div className="form-grid">
            <label className="field">
              <span>{t('ui.import.headerRow')}</span>
              <input
                type="number"
                name="headerRow"
                min={1}
                max={info.sampleRows.length}
                value={headerRow}
                onChange={(event) => {
                  const row = Number(event.target.value);
                  if (row >= 1 && row <= info.sampleRows.length) setHeaderRow(row);
                }}
              />
            </label>
            <label className="field">
              <span>{t('ui.import.personKind')}</span>
              <select
                name="personKind"
                value={personKind}
                onChange={(event) => setPersonKind(event.target.value as ImportPersonKind)}
              >
                <option value="pupil">{t('ui.import.personKind.pupil')}</option>
                <option value="staff">{t('ui.import.personKind.staff')}</option>
              </select>
            </label>
          </div>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{t('ui.import.col.column')}</th>
                <th scope="col">{t('ui.import.col.example')}</th>
                <th scope="col">{t('ui.import.col.use')}</th>
              </tr>
            </thead>
            <tbody>
              {headers.map((header, index) =>
                header.trim() === '' ? null : (
                  <tr key={`${index}-${header}`}>
                    <th scope="row">{header}</th>
                    <td className="muted">{firstDataRow[index] ?? ''}</td>
                    <td>
                      <select
                        aria-label={t('ui.import.useFor', { column: header })}
                        value={uses[header] ?? ''}
                        onChange={(event) => setUses({ ...uses, [header]: event.target.value })}
                      >
                        <option value="">{t('ui.import.unused')}</option>
                        <optgroup label={t('ui.import.group.person')}>
                          {fieldOptions.map((option) => (
                            <option key={option.value} value={option.value}>
                              {option.label}
                            </option>
                          ))}
                        </optgroup>
                        <optgroup label={t('ui.import.group.channels')}>
                          {channelOptions.map((option) => (
                            <option key={option.value} value={option.value}>
                              {option.label}
                            </option>
                          ))}
                        </optgroup>
                      </select>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" onClick={() => setStep('file')}>
              {t('ui.back')}
            </button>
            <button type="submit" className="primary" disabled={busy !== null}>
              {t('ui.import.next.preview')}
            </button>
          </div>
        </form>
      )}

      {step === 'preview' && preview && (
        <section className="panel" aria-labelledby={`${ids}-preview`}>
          <h2 id={`${ids}-preview`} tabIndex={-1}>
            {t('ui.import.preview.title', { file: preview.fileName, year: preview.schoolYear })}
          </h2>
          <dl className="counts">
            <Count label="ui.import.count.rows" value={preview.counts.rows} />
            <Count label="ui.import.count.valid" value={preview.counts.validRows} tone="ok" />
            <Count
              label="ui.import.count.errorRows"
              value={preview.counts.errorRows}
              tone={preview.counts.errorRows > 0 ? 'bad' : undefined}
            />
            <Count
              label="ui.import.count.warningRows"
              value={preview.counts.warningRows}
              tone={preview.counts.warningRows > 0 ? 'warn' : undefined}
            />
            <Count label="ui.import.count.newPeople" value={preview.counts.newPeople} />
            <Count label="ui.import.count.changed" value={preview.counts.changedConsents} />
            <Count
              label="ui.import.count.withdrawals"
              value={preview.counts.withdrawals}
              tone={preview.counts.withdrawals > 0 ? 'warn' : undefined}
            />
            <Count label="ui.import.count.missing" value={preview.counts.missing} />
          </dl>
          <p className="muted">
            {t('consent.import.summaryConsents', { ...preview.counts })}{' '}
            {t('consent.import.summaryValues', { ...preview.counts })}
          </p>

          {preview.errors.length > 0 && (
            <IssueTable title="ui.import.errors" issues={preview.errors} reason={issueReason} tone="bad" />
          )}
          {preview.warnings.length > 0 && (
            <IssueTable title="ui.import.warnings" issues={preview.warnings} reason={issueReason} tone="warn" />
          )}
          {preview.withdrawals.length > 0 && (
            <ChangeTable title="ui.import.withdrawals" changes={preview.withdrawals} channelLabel={channelLabel} />
          )}
          {preview.changes.length > 0 && (
            <ChangeTable title="ui.import.changes" changes={preview.changes} channelLabel={channelLabel} />
          )}
          {preview.newPeople.length > 0 && <PeopleTable title="ui.import.newPeople" people={preview.newPeople} />}
          {preview.missing.length > 0 && <PeopleTable title="ui.import.missing" people={preview.missing} />}

          <div className="commit">
            {preview.counts.errorRows > 0 && preview.counts.validRows > 0 && (
              <label className="check">
                <input type="checkbox" checked={onlyValid} onChange={(event) => setOnlyValid(event.target.checked)} />
                {t('ui.import.onlyValid', { valid: preview.counts.validRows, errorRows: preview.counts.errorRows })}
              </label>
            )}
            {preview.counts.validRows === 0 && <p className="error">{t('ui.import.nothingValid')}</p>}
            <div className="actions">
              <button type="button" onClick={() => setStep('mapping')}>
                {t('ui.import.back.mapping')}
              </button>
              <button
                type="button"
                className="primary"
                disabled={
                  busy !== null || preview.counts.validRows === 0 || (preview.counts.errorRows > 0 && !onlyValid)
                }
                onClick={() => void commit()}
              >
                {preview.counts.errorRows > 0
                  ? t('ui.import.commitValid', { valid: preview.counts.validRows })
                  : t('ui.import.commit', { rows: preview.counts.rows })}
              </button>
            </div>
          </div>
        </section>
      )}

      {step === 'done' && result && (
        <section className="panel" aria-labelledby={`${ids}-done`}>
          <h2 id={`${ids}-done`} tabIndex={-1}>
            {t('ui.import.done.title')}
          </h2>
          <p role="status" className="ok">
            {t('consent.import.done', { importId: result.importId, records: result.recordsWritten })}
          </p>
          {result.preview.counts.errorRows > 0 && (
            <p className="muted">{t('ui.import.done.skipped', { rows: result.preview.counts.errorRows })}</p>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={onOpenRegistry}>
              {t('ui.import.toRegistry')}
            </button>
            <button type="button" onClick={restart}>
              {t('ui.import.another')}
            </button>
          </div>
        </section>
      )}

      <Busy label={busy} />
      <ErrorAlert error={error} />
    </div>
  );
}

function Count({ label, value, tone }: { label: MessageKey; value: number; tone?: 'ok' | 'bad' | 'warn' | undefined }) {
  const { t } = useI18n();
  return (
    <div className={`count${tone ? ` ${tone}` : ''}`}>
      <dt>{t(label)}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function More({ count }: { count: number }) {
  const { t } = useI18n();
  if (count <= 0) return null;
  return <p className="muted">{t('ui.list.more', { count })}</p>;
}

function IssueTable({
  title,
  issues,
  reason,
  tone,
}: {
  title: MessageKey;
  issues: readonly ConsentRowIssue[];
  reason: (issue: ConsentRowIssue) => string;
  tone: 'bad' | 'warn';
}) {
  const { t } = useI18n();
  return (
    <section className={`issues ${tone}`}>
      <h3>{t(title, { count: issues.length })}</h3>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('ui.import.col.row')}</th>
            <th scope="col">{t('ui.import.col.column')}</th>
            <th scope="col">{t('ui.import.col.value')}</th>
            <th scope="col">{t(tone === 'bad' ? 'ui.import.col.reason' : 'ui.import.col.remark')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.slice(0, LIST_LIMIT).map((issue, index) => (
            <tr key={index}>
              <td>{issue.row}</td>
              <td>{issue.column ?? '–'}</td>
              <td>
                <code>{issue.value}</code>
              </td>
              <td>{reason(issue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <More count={issues.length - LIST_LIMIT} />
    </section>
  );
}

function ChangeTable({
  title,
  changes,
  channelLabel,
}: {
  title: MessageKey;
  changes: ConsentImportPreviewResult['changes'];
  channelLabel: (id: string) => string;
}) {
  const { t } = useI18n();
  return (
    <section>
      <h3>{t(title, { count: changes.length })}</h3>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('ui.import.col.row')}</th>
            <th scope="col">{t('ui.col.key')}</th>
            <th scope="col">{t('ui.col.name')}</th>
            <th scope="col">{t('ui.col.channel')}</th>
            <th scope="col">{t('ui.import.col.change')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.slice(0, LIST_LIMIT).map((change, index) => (
            <tr key={index}>
              <td>{change.row}</td>
              <td>{change.key}</td>
              <td>{change.name}</td>
              <td>{channelLabel(change.channelId)}</td>
              <td>
                {change.from ? t(`consent.status.${change.from}`) : t('consent.status.none')} →{' '}
                {t(`consent.status.${change.to}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <More count={changes.length - LIST_LIMIT} />
    </section>
  );
}

function PeopleTable({ title, people }: { title: MessageKey; people: ConsentImportPreviewResult['newPeople'] }) {
  const { t } = useI18n();
  return (
    <section>
      <h3>{t(title, { count: people.length })}</h3>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('ui.col.key')}</th>
            <th scope="col">{t('ui.col.name')}</th>
            <th scope="col">{t('ui.col.class')}</th>
          </tr>
        </thead>
        <tbody>
          {people.slice(0, LIST_LIMIT).map((person) => (
            <tr key={`${person.key}-${person.row ?? ''}`}>
              <td>{person.key}</td>
              <td>{person.name}</td>
              <td>{person.className ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <More count={people.length - LIST_LIMIT} />
    </section>
  );
}
