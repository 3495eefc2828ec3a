// One event of the library: its counts per status, filters (status, person, untagged faces), the photos in a
// virtualised grid, unreadable files, and one photo opened from the grid.
import { useId, useState } from 'react';
import type { IndexError, LibraryEvent } from '../../../../shared/library';
import type { DecisionStatus } from '../../../../shared/policy';
import { call } from '../../api';
import { Busy } from '../../components/Busy';
import { Field } from '../../components/Field';
import type { PublishTarget } from '../../components/TargetPicker';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';
import { countByStatus, hasUntaggedFace, namesIn, STATUS_ORDER, type PhotoDecisions } from './decisions';
import { PhotoGrid } from './PhotoGrid';
import { PhotoPage } from './photo/PhotoPage';
import { StatusCounts } from './StatusCounts';

interface GridFilter {
  readonly status: DecisionStatus | '';
  readonly person: string;
  readonly untagged: boolean;
}

const NO_ERRORS: readonly IndexError[] = [];

export function EventView({
  event,
  target,
  decisions,
  generation,
  onBack,
  onChanged,
  onPublish,
}: {
  event: LibraryEvent;
  target: PublishTarget;
  /** null while they are being worked out */
  decisions: PhotoDecisions | null;
  generation: number;
  onBack: () => void;
  onChanged: () => void;
  onPublish: (photoHashes: readonly string[] | null) => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const [filter, setFilter] = useState<GridFilter>({ status: '', person: '', untagged: false });
  const [active, setActive] = useState(0);
  const [openHash, setOpenHash] = useState<string | null>(null);

  // Unreadable files change when the folder is indexed again (a new generation).
  const indexErrors =
    useQuery(JSON.stringify([event.id, generation]), () => call('listIndexErrors', { eventId: event.id })).data ??
    NO_ERRORS;

  const person = filter.person.trim().toLocaleLowerCase();
  const shown =
    decisions?.filter(
      ({ decision }) =>
        (!filter.status || decision.status === filter.status) &&
        (!person || namesIn(decision).includes(person)) &&
        (!filter.untagged || hasUntaggedFace(decision)),
    ) ?? [];
  const filtered = filter.status !== '' || person !== '' || filter.untagged;

  if (openHash) {
    const index = shown.findIndex((item) => item.photoHash === openHash);
    return (
      <PhotoPage
        key={openHash}
        photoHash={openHash}
        eventName={event.name}
        target={target}
        position={index >= 0 ? { index, total: shown.length } : null}
        onNavigate={(step) => {
          const next = shown[index + step];
          if (next) {
            setOpenHash(next.photoHash);
            setActive(index + step);
          }
        }}
        onBack={() => {
          setOpenHash(null);
          onChanged();
        }}
      />
    );
  }

  return (
    <section aria-labelledby={`${ids}-title`}>
      <button type="button" className="back" onClick={onBack}>
        {t('ui.library.back')}
      </button>
      <h2 id={`${ids}-title`}>{event.name}</h2>
      {decisions && decisions.length > 0 && <StatusCounts counts={countByStatus(decisions)} />}
      <div className="filters" role="search">
        <Field label="ui.library.filter.status">
          <select
            name="status"
            value={filter.status}
            onChange={(e) => {
              setFilter({ ...filter, status: e.target.value as DecisionStatus | '' });
              setActive(0);
            }}
          >
            <option value="">{t('ui.library.filter.allStatuses')}</option>
            {STATUS_ORDER.map((status) => (
              <option key={status} value={status}>
                {t(`ui.status.${status}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="ui.library.filter.person" grow>
          <input
            type="search"
            name="person"
            value={filter.person}
            placeholder={t('ui.library.filter.person.placeholder')}
            onChange={(e) => {
              setFilter({ ...filter, person: e.target.value });
              setActive(0);
            }}
          />
        </Field>
        <label className="check align-end">
          <input
            type="checkbox"
            name="untagged"
            checked={filter.untagged}
            onChange={(e) => {
              setFilter({ ...filter, untagged: e.target.checked });
              setActive(0);
            }}
          />
          {t('ui.library.filter.untagged')}
        </label>
      </div>
      {decisions === null ? (
        <Busy label="ui.library.loadingDecisions" />
      ) : decisions.length === 0 ? (
        <p className="empty">{t('ui.library.noPhotos')}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{t('ui.library.noMatch')}</p>
      ) : (
        <>
          <div className="grid-bar">
            <span className="muted" aria-live="polite">
              {t('ui.library.shown', { count: shown.length, total: decisions.length })}
            </span>
            <span className="muted">{t('ui.library.grid.help')}</span>
            <button
              type="button"
              className="primary"
              onClick={() => onPublish(filtered ? shown.map((item) => item.photoHash) : null)}
            >
              {t('ui.library.publishShown', { count: shown.length })}
            </button>
          </div>
          <PhotoGrid
            label={t('ui.library.grid', { event: event.name })}
            items={shown}
            active={Math.min(active, shown.length - 1)}
            onActive={setActive}
            onOpen={(index) => setOpenHash(shown[index]!.photoHash)}
          />
        </>
      )}
      {indexErrors.length > 0 && (
        <details className="index-errors">
          <summary>{t('ui.library.errors', { count: indexErrors.length })}</summary>
          <ul>
            {indexErrors.map((indexError) => (
              <IndexErrorLine key={indexError.path} indexError={indexError} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function IndexErrorLine({ indexError }: { indexError: IndexError }) {
  const { tError } = useI18n();
  return <li>{tError({ code: indexError.code, params: { file: indexError.path, ...indexError.params } })}</li>;
}
