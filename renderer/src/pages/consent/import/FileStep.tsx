// Step 1 of the import: the file (typed, pasted or browsed), then what was read from it, the school year and the
// sheet of a workbook.
import { useId, type FormEvent } from 'react';
import type { ConsentFileInfo } from '../../../../../shared/ipc/consent';
import { useI18n } from '../../../i18n';
import { schoolYearChoices } from './mapping';

export function FileStep({
  filePath,
  onFilePath,
  info,
  idle,
  busy,
  onBrowse,
  onRead,
  schoolYear,
  onSchoolYear,
  sheet,
  onNext,
}: {
  filePath: string;
  onFilePath: (path: string) => void;
  info: ConsentFileInfo | null;
  /** Nothing read, running or failed yet: the step explains itself. */
  idle: boolean;
  busy: boolean;
  onBrowse: () => void;
  /** Reads the file again (another sheet, say); without a sheet, the first one. */
  onRead: (sheet: string | undefined) => void;
  schoolYear: string;
  onSchoolYear: (year: string) => void;
  sheet: string | undefined;
  onNext: () => void;
}) {
  const { t } = useI18n();
  const ids = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (filePath.trim() !== '') onRead(undefined);
  }

  return (
    <>
      <form className="panel form-row" onSubmit={submit}>
        <label className="field grow">
          <span>{t('ui.import.path')}</span>
          <input
            name="path"
            value={filePath}
            placeholder={t('ui.import.path.placeholder')}
            onChange={(event) => onFilePath(event.target.value)}
          />
          <small>{t('ui.import.path.help')}</small>
        </label>
        <div className="actions">
          <button type="button" onClick={onBrowse}>
            {t('ui.import.browse')}
          </button>
          <button type="submit" className="primary" disabled={filePath.trim() === '' || busy}>
            {t('ui.import.read')}
          </button>
        </div>
      </form>
      {!info && idle && <p className="empty">{t('ui.import.start')}</p>}

      {info && (
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
              <select name="schoolYear" value={schoolYear} onChange={(event) => onSchoolYear(event.target.value)}>
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
                <select name="sheet" value={sheet ?? ''} onChange={(event) => onRead(event.target.value)}>
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
            <button type="button" className="primary" onClick={onNext}>
              {t('ui.import.next.mapping')}
            </button>
          </div>
        </section>
      )}
    </>
  );
}
