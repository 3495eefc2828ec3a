import { useId, useState } from 'react';
import { displayName, type PersonListItem } from '../../../../../shared/consent';
import type { PersonRef } from '../../../../../shared/people';
import { call } from '../../../api';
import { Field } from '../../../components/Field';
import { useQuery } from '../../../components/useQuery';
import { useI18n } from '../../../i18n';

/** Type-ahead over the registry: arrow keys through the results, Enter picks, Escape closes. */
export function PersonSearch({ onPick, onCancel }: { onPick: (person: PersonRef) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const ids = useId();
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  const query = search.trim();
  const found = useQuery(query, () => (query ? call('listPeople', { search: query, limit: 8 }) : Promise.resolve([])), {
    delayMs: 100,
  });
  const results = query ? (found.data ?? []) : [];
  const pick = (person: PersonListItem) =>
    onPick({ personId: person.id, name: displayName(person), className: person.className ?? null });
  return (
    <div className="person-search">
      <Field label="ui.photo.link.search">
        <input
          type="search"
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls={`${ids}-results`}
          aria-activedescendant={results[active] ? `${ids}-${results[active].id}` : undefined}
          autoFocus
          value={search}
          placeholder={t('ui.photo.link.placeholder')}
          onChange={(event) => {
            setSearch(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setActive(Math.min(results.length - 1, active + 1));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive(Math.max(0, active - 1));
            } else if (event.key === 'Enter' && results[active]) {
              event.preventDefault();
              pick(results[active]);
            } else if (event.key === 'Escape') {
              event.preventDefault();
              onCancel();
            }
          }}
        />
      </Field>
      <ul id={`${ids}-results`} role="listbox" className="search-results">
        {results.map((person, index) => (
          <li
            key={person.id}
            id={`${ids}-${person.id}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              pick(person);
            }}
          >
            {displayName(person)}{' '}
            <span className="muted">{[person.externalKey, person.className].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
      {search.trim() && results.length === 0 && <p className="muted">{t('ui.photo.link.none')}</p>}
    </div>
  );
}
