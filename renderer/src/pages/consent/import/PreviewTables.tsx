// The tables of an import preview: counts, row errors and warnings, changes and withdrawals, renamed, new and
// missing people.
import type { ConsentRowIssue } from '../../../../../shared/consentImport';
import type { MessageKey } from '../../../../../shared/i18n';
import type { ConsentImportPreviewResult } from '../../../../../shared/ipc/consent';
import { TableHead } from '../../../components/TableHead';
import { useI18n } from '../../../i18n';

/** Long lists in the preview show this many lines, then a count of the rest. */
const LIST_LIMIT = 100;

export function Count({
  label,
  value,
  tone,
}: {
  label: MessageKey;
  value: number;
  tone?: 'ok' | 'bad' | 'warn' | undefined;
}) {
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

export function IssueTable({
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
        <TableHead
          columns={[
            'ui.import.col.row',
            'ui.import.col.column',
            'ui.import.col.value',
            tone === 'bad' ? 'ui.import.col.reason' : 'ui.import.col.remark',
          ]}
        />
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

export function ChangeTable({
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
        <TableHead
          columns={['ui.import.col.row', 'ui.col.key', 'ui.col.name', 'ui.col.channel', 'ui.import.col.change']}
        />
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

export function PeopleTable({ title, people }: { title: MessageKey; people: ConsentImportPreviewResult['newPeople'] }) {
  const { t } = useI18n();
  return (
    <section>
      <h3>{t(title, { count: people.length })}</h3>
      <table className="table compact">
        <TableHead columns={['ui.col.key', 'ui.col.name', 'ui.col.class']} />
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

/** People whose name the list changes, old → new: a person confirms these before the import is saved. */
export function NameChangeTable({ renamed }: { renamed: ConsentImportPreviewResult['renamed'] }) {
  const { t } = useI18n();
  const title = t('ui.import.renamed', { count: renamed.length });
  return (
    <section aria-label={title}>
      <h3 className="warn">{title}</h3>
      <table className="table compact">
        <TableHead columns={['ui.col.key', 'ui.import.col.oldName', 'ui.import.col.newName']} />
        <tbody>
          {renamed.slice(0, LIST_LIMIT).map((change) => (
            <tr key={`${change.key}-${change.row}`}>
              <td>{change.key}</td>
              <td>{change.from}</td>
              <td>
                <strong>{change.to}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <More count={renamed.length - LIST_LIMIT} />
    </section>
  );
}
