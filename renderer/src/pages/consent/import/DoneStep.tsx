// Step 4 of the import: what was stored, and where to go next.
import { useId } from 'react';
import type { ConsentImportCommitResult } from '../../../../../shared/ipc/consent';
import { useI18n } from '../../../i18n';

export function DoneStep({
  result,
  onOpenRegistry,
  onAnother,
}: {
  result: ConsentImportCommitResult;
  onOpenRegistry: () => void;
  onAnother: () => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  return (
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
        <button type="button" onClick={onAnother}>
          {t('ui.import.another')}
        </button>
      </div>
    </section>
  );
}
