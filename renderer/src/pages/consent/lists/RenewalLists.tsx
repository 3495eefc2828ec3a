// Who still has to return a form, per school year and class: no form, refused everything, withdrew — on screen,
// and saved as a PDF (a page per class) or a CSV for the mail merge.
import { useId, useState, type FormEvent } from 'react';
import { currentSchoolYear, isSchoolYearId } from '../../../../../shared/consent';
import { call } from '../../../api';
import { Busy } from '../../../components/Busy';
import { DoneMessage } from '../../../components/DoneMessage';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Field } from '../../../components/Field';
import { noPath, PathField, pathHandle, spent, type PathValue } from '../../../components/PathField';
import { TableHead } from '../../../components/TableHead';
import { useAction } from '../../../components/useAction';
import { useQuery } from '../../../components/useQuery';
import { useI18n } from '../../../i18n';

export function RenewalLists({ onOpenPerson }: { onOpenPerson: (personId: number) => void }) {
  const { t } = useI18n();
  const ids = useId();
  const [schoolYear, setSchoolYear] = useState(currentSchoolYear());
  const [className, setClassName] = useState('');
  const [format, setFormat] = useState<'pdf' | 'csv'>('pdf');
  const [target, setTarget] = useState<PathValue>(noPath);
  const classes = useQuery('classes', () => call('listClasses', {}));
  const valid = isSchoolYearId(schoolYear);
  const lists = useQuery(`renewal|${schoolYear}|${className}`, () =>
    valid ? call('listRenewal', { schoolYear, ...(className ? { className } : {}) }) : Promise.resolve(null),
  );
  const saving = useAction();

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!target.text.trim() || !valid) return;
    const purpose = format === 'pdf' ? 'renewalPdf' : 'renewalCsv';
    await saving.run(
      async () => {
        const file = await pathHandle(purpose, target);
        setTarget(spent(target));
        return call('saveRenewalReport', { schoolYear, format, file, ...(className ? { className } : {}) });
      },
      {
        busy: 'ui.renewal.saving',
        done: (answer) => t('ui.renewal.saved', { path: answer.path, count: answer.entries }),
      },
    );
  }

  return (
    <section aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('ui.renewal.title')}</h2>
      <p className="muted">{t('ui.renewal.intro')}</p>
      <div className="filters">
        <Field label="ui.renewal.year">
          <input
            name="renewalYear"
            value={schoolYear}
            pattern="\d{4}-\d{4}"
            onChange={(e) => setSchoolYear(e.target.value)}
          />
        </Field>
        <Field label="ui.renewal.class">
          <select name="renewalClass" value={className} onChange={(e) => setClassName(e.target.value)}>
            <option value="">{t('ui.renewal.allClasses')}</option>
            {(classes.data ?? []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {lists.data?.classes.map((group) => (
        <section key={group.className} aria-label={t('ui.renewal.classTitle', { className: group.className || '–' })}>
          <h3>{t('ui.renewal.classTitle', { className: group.className || '–' })}</h3>
          <p className="muted">{t('ui.renewal.count', { count: group.entries.length, pupils: group.pupils })}</p>
          {group.entries.length > 0 && (
            <table className="table compact">
              <TableHead columns={['ui.col.name', 'ui.renewal.col.reason']} />
              <tbody>
                {group.entries.map((entry) => (
                  <tr key={entry.person.personId}>
                    <th scope="row">
                      <button type="button" className="link" onClick={() => onOpenPerson(entry.person.personId)}>
                        {entry.person.name}
                      </button>{' '}
                      <span className="muted">{entry.person.key}</span>
                    </th>
                    <td>
                      <span className={entry.reason === 'noForm' ? 'badge warn' : 'badge bad'}>
                        {t(`lists.reason.${entry.reason}`)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <form className="form-row" onSubmit={(event) => void save(event)} aria-label={t('ui.renewal.save')}>
        <Field label="ui.renewal.format">
          <select name="renewalFormat" value={format} onChange={(e) => setFormat(e.target.value as 'pdf' | 'csv')}>
            <option value="pdf">{t('ui.renewal.format.pdf')}</option>
            <option value="csv">{t('ui.renewal.format.csv')}</option>
          </select>
        </Field>
        <PathField
          label="ui.renewal.path"
          name="renewalPath"
          value={target}
          onChange={setTarget}
          purpose={format === 'pdf' ? 'renewalPdf' : 'renewalCsv'}
          placeholder="ui.renewal.path.placeholder"
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={saving.busy || !target.text.trim() || !valid}>
            {t('ui.renewal.save')}
          </button>
        </div>
      </form>
      <Busy label={saving.busyLabel} />
      <ErrorAlert error={saving.error ?? lists.error ?? classes.error} />
      <DoneMessage message={saving.done} />
    </section>
  );
}
