// Step 1 of the import: the file (typed, pasted or browsed), then what was read from it, the school year and the
// sheet of a workbook.
import { useId, type FormEvent } from 'react';
import type { ConsentFileInfo } from '../../../../../shared/ipc/consent';
import { Field } from '../../../components/Field';
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
        <Field label="ui.import.path" help="ui.import.path.help" grow>
          <input
            name="path"
            value={filePath}
            placeholder={t('ui.import.path.placeholder')}
            onChange={(event) => onFilePath(event.target.value)}
          />
        </Field>
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
            <Field label="ui.import.schoolYear" help="ui.import.schoolYear.help">
              <select name="schoolYear" value={schoolYear} onChange={(event) => onSchoolYear(event.target.value)}>
                {schoolYearChoices().map((year) => (
                  <option key={year} value={year}>
                    {year}
                  </option>
                ))}
              </select>
            </Field>
            {info.sheetNames.length > 0 && (
              <Field label="ui.import.sheet">
                <select name="sheet" value={sheet ?? ''} onChange={(event) => onRead(event.target.value)}>
                  {info.sheetNames.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </Field>
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
