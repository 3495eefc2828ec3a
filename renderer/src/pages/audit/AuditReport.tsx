// The report a privacy officer hands on: a period, CSV or PDF, where to save it.
import { useId, useState, type FormEvent } from 'react';
import { localDay } from '../../../../shared/consent';
import { call } from '../../api';
import { Busy } from '../../components/Busy';
import { DoneMessage } from '../../components/DoneMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { noPath, PathField, pathHandle, spent, type PathValue } from '../../components/PathField';
import { useAction } from '../../components/useAction';
import { useI18n } from '../../i18n';

export function AuditReport() {
  const { t } = useI18n();
  const ids = useId();
  const today = localDay(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [format, setFormat] = useState<'pdf' | 'csv'>('pdf');
  const [target, setTarget] = useState<PathValue>(noPath);
  const saving = useAction();
  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!target.text.trim()) return;
    const purpose = format === 'pdf' ? 'auditReportPdf' : 'auditReportCsv';
    await saving.run(
      async () => {
        const file = await pathHandle(purpose, target);
        setTarget(spent(target));
        return call('saveAuditReport', { from, to, format, file });
      },
      {
        busy: 'ui.report.saving',
        done: (answer) => t('ui.report.saved', { path: answer.path, events: answer.events }),
      },
    );
  }
  return (
    <details className="panel report">
      <summary>
        <h2 id={`${ids}-report`}>{t('ui.report.title')}</h2>
      </summary>
      <form className="report-form" onSubmit={(event) => void save(event)} aria-labelledby={`${ids}-report`}>
        <p className="muted">{t('ui.report.intro')}</p>
        <div className="filters">
          <Field label="ui.report.from">
            <input type="date" name="reportFrom" value={from} required onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label="ui.report.to">
            <input type="date" name="reportTo" value={to} required onChange={(e) => setTo(e.target.value)} />
          </Field>
          <Field label="ui.report.format">
            <select name="reportFormat" value={format} onChange={(e) => setFormat(e.target.value as 'pdf' | 'csv')}>
              <option value="pdf">PDF</option>
              <option value="csv">CSV</option>
            </select>
          </Field>
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
            <button type="submit" className="primary" disabled={saving.busy || !target.text.trim()}>
              {t('ui.report.save')}
            </button>
          </div>
        </div>
        <Busy label={saving.busyLabel} />
        <ErrorAlert error={saving.error} />
        <DoneMessage message={saving.done} />
      </form>
    </details>
  );
}
