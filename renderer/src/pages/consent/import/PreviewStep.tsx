// Step 3 of the import: what the list would change, row by row, before anything is stored; then saving it (all
// rows, or only the valid ones when some have errors).
import { useId } from 'react';
import type { ConsentRowIssue } from '../../../../../shared/consentImport';
import type { ConsentImportPreviewResult } from '../../../../../shared/ipc/consent';
import { useChannels } from '../../../components/useChannels';
import { useI18n } from '../../../i18n';
import { ChangeTable, Count, IssueTable, NameChangeTable, PeopleTable } from './PreviewTables';

export function PreviewStep({
  preview,
  onlyValid,
  onOnlyValid,
  confirmRenames,
  onConfirmRenames,
  busy,
  onBack,
  onCommit,
}: {
  preview: ConsentImportPreviewResult;
  onlyValid: boolean;
  onOnlyValid: (onlyValid: boolean) => void;
  confirmRenames: boolean;
  onConfirmRenames: (confirmed: boolean) => void;
  busy: boolean;
  onBack: () => void;
  onCommit: () => void;
}) {
  const { t, tError } = useI18n();
  const ids = useId();
  const { label: channelLabel } = useChannels();
  const { counts } = preview;
  const issueReason = (issue: ConsentRowIssue) => tError({ code: issue.code, params: issue.params });

  return (
    <section className="panel" aria-labelledby={`${ids}-preview`}>
      <h2 id={`${ids}-preview`} tabIndex={-1}>
        {t('ui.import.preview.title', { file: preview.fileName, year: preview.schoolYear })}
      </h2>
      <dl className="counts">
        <Count label="ui.import.count.rows" value={counts.rows} />
        <Count label="ui.import.count.valid" value={counts.validRows} tone="ok" />
        <Count
          label="ui.import.count.errorRows"
          value={counts.errorRows}
          tone={counts.errorRows > 0 ? 'bad' : undefined}
        />
        <Count
          label="ui.import.count.warningRows"
          value={counts.warningRows}
          tone={counts.warningRows > 0 ? 'warn' : undefined}
        />
        <Count label="ui.import.count.newPeople" value={counts.newPeople} />
        <Count label="ui.import.count.changed" value={counts.changedConsents} />
        <Count
          label="ui.import.count.withdrawals"
          value={counts.withdrawals}
          tone={counts.withdrawals > 0 ? 'warn' : undefined}
        />
        <Count label="ui.import.count.missing" value={counts.missing} />
      </dl>
      <p className="muted">
        {t('consent.import.summaryConsents', { ...counts })} {t('consent.import.summaryValues', { ...counts })}
      </p>

      {preview.errors.length > 0 && (
        <IssueTable title="ui.import.errors" issues={preview.errors} reason={issueReason} tone="bad" />
      )}
      {preview.warnings.length > 0 && (
        <IssueTable title="ui.import.warnings" issues={preview.warnings} reason={issueReason} tone="warn" />
      )}
      {preview.renamed.length > 0 && <NameChangeTable renamed={preview.renamed} />}
      {preview.withdrawals.length > 0 && (
        <ChangeTable title="ui.import.withdrawals" changes={preview.withdrawals} channelLabel={channelLabel} />
      )}
      {preview.changes.length > 0 && (
        <ChangeTable title="ui.import.changes" changes={preview.changes} channelLabel={channelLabel} />
      )}
      {preview.newPeople.length > 0 && <PeopleTable title="ui.import.newPeople" people={preview.newPeople} />}
      {preview.missing.length > 0 && <PeopleTable title="ui.import.missing" people={preview.missing} />}
      {preview.protect.length > 0 && <PeopleTable title="ui.import.protect" people={preview.protect} />}

      <div className="commit">
        {counts.errorRows > 0 && counts.validRows > 0 && (
          <label className="check">
            <input type="checkbox" checked={onlyValid} onChange={(event) => onOnlyValid(event.target.checked)} />
            {t('ui.import.onlyValid', { valid: counts.validRows, errorRows: counts.errorRows })}
          </label>
        )}
        {preview.renamed.length > 0 && (
          <label className="check">
            <input
              type="checkbox"
              checked={confirmRenames}
              onChange={(event) => onConfirmRenames(event.target.checked)}
            />
            {t('ui.import.confirmRenames', { count: preview.renamed.length })}
          </label>
        )}
        {counts.validRows === 0 && <p className="error">{t('ui.import.nothingValid')}</p>}
        <div className="actions">
          <button type="button" onClick={onBack}>
            {t('ui.import.back.mapping')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={
              busy ||
              counts.validRows === 0 ||
              (counts.errorRows > 0 && !onlyValid) ||
              (preview.renamed.length > 0 && !confirmRenames)
            }
            onClick={onCommit}
          >
            {counts.errorRows > 0
              ? t('ui.import.commitValid', { valid: counts.validRows })
              : t('ui.import.commit', { rows: counts.rows })}
          </button>
        </div>
      </div>
    </section>
  );
}
