// Step 2 of the import: which row holds the headers, whom the list is about, and what each column is used for.
import { useId, type FormEvent } from 'react';
import { type ImportPersonKind } from '../../../../../shared/consent';
import { PERSON_FIELDS } from '../../../../../shared/consentImport';
import type { ConsentFileInfo } from '../../../../../shared/ipc/consent';
import { Field } from '../../../components/Field';
import { TableHead } from '../../../components/TableHead';
import { useChannels } from '../../../components/useChannels';
import { useI18n } from '../../../i18n';
import type { ColumnUse } from './mapping';

export function MappingStep({
  info,
  headers,
  headerRow,
  onHeaderRow,
  personKind,
  onPersonKind,
  uses,
  onUses,
  busy,
  onBack,
  onPreview,
}: {
  info: ConsentFileInfo;
  headers: readonly string[];
  headerRow: number;
  onHeaderRow: (row: number) => void;
  personKind: ImportPersonKind;
  onPersonKind: (kind: ImportPersonKind) => void;
  uses: Readonly<Record<string, ColumnUse>>;
  onUses: (uses: Record<string, ColumnUse>) => void;
  busy: boolean;
  onBack: () => void;
  onPreview: () => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const { channels, label: channelLabel } = useChannels();
  const firstDataRow = info.sampleRows[headerRow] ?? [];
  // A column holds a person field or a channel in use.
  const groups = [
    {
      label: 'ui.import.group.person',
      options: PERSON_FIELDS.map((field) => ({ value: `field:${field}`, label: t(`consent.field.${field}`) })),
    },
    {
      label: 'ui.import.group.channels',
      options: channels
        .filter((channel) => !channel.retiredAt)
        .map((channel) => ({
          value: `channel:${channel.id}`,
          label: t('ui.import.useChannel', { channel: channelLabel(channel.id) }),
        })),
    },
  ] as const;

  function submit(event: FormEvent) {
    event.preventDefault();
    onPreview();
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby={`${ids}-map`}>
      <h2 id={`${ids}-map`} tabIndex={-1}>
        {t('ui.import.mapping.title', { file: info.fileName })}
      </h2>
      <p className="muted">{t('ui.import.mapping.intro')}</p>
      <div className="form-grid">
        <Field label="ui.import.headerRow">
          <input
            type="number"
            name="headerRow"
            min={1}
            max={info.sampleRows.length}
            value={headerRow}
            onChange={(event) => {
              const row = Number(event.target.value);
              if (row >= 1 && row <= info.sampleRows.length) onHeaderRow(row);
            }}
          />
        </Field>
        <Field label="ui.import.personKind">
          <select
            name="personKind"
            value={personKind}
            onChange={(event) => onPersonKind(event.target.value as ImportPersonKind)}
          >
            <option value="pupil">{t('ui.import.personKind.pupil')}</option>
            <option value="staff">{t('ui.import.personKind.staff')}</option>
          </select>
        </Field>
      </div>
      <table className="table compact">
        <TableHead columns={['ui.import.col.column', 'ui.import.col.example', 'ui.import.col.use']} />
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
                    onChange={(event) => onUses({ ...uses, [header]: event.target.value })}
                  >
                    <option value="">{t('ui.import.unused')}</option>
                    {groups.map(({ label, options }) => (
                      <optgroup key={label} label={t(label)}>
                        {options.map((option) => (
                          <option key={option.value} value={option.value}>
                            {option.label}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </select>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('ui.back')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.import.next.preview')}
        </button>
      </div>
    </form>
  );
}
