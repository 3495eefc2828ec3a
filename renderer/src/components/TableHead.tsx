import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../i18n';

/** A table's column headers. */
export function TableHead({ columns }: { columns: readonly MessageKey[] }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {t(column)}
          </th>
        ))}
      </tr>
    </thead>
  );
}
