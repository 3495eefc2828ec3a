// Which photos of an event go out: its picks (the default when it has picks), the library's filtered set, or the
// whole event.
import type { LibraryEvent } from '../../../../shared/library';
import { call } from '../../api';
import { useQuery, type Query } from '../../components/useQuery';
import { useI18n } from '../../i18n';
import type { PublishSelection } from './PublishPage';

/** The picks of an event, asked for fresh; null data while they load (never another event's picks). */
export function usePicksOf(eventId: number | null): Query<string[]> {
  const query = useQuery(String(eventId), () =>
    eventId === null ? Promise.resolve([]) : call('listPicks', { eventId }),
  );
  return query.loading ? { ...query, data: null } : query;
}

export function PublishScope({
  event,
  selection,
  onSelection,
}: {
  event: LibraryEvent;
  selection: PublishSelection;
  onSelection: (next: PublishSelection) => void;
}) {
  const { t } = useI18n();
  const picks = usePicksOf(event.id).data?.length ?? event.picks;
  const choose = (picked: boolean) => onSelection({ ...selection, picks: picked });
  return (
    <fieldset className="scope align-end">
      <legend>{t('ui.picks.scope')}</legend>
      <label className="check">
        <input type="radio" name="scope" value="picks" checked={!!selection.picks} onChange={() => choose(true)} />
        {t('ui.picks.scope.picks', { count: picks })}
      </label>
      <label className="check">
        <input type="radio" name="scope" value="library" checked={!selection.picks} onChange={() => choose(false)} />
        {selection.photoHashes
          ? t('ui.picks.scope.selection', { count: selection.photoHashes.length })
          : t('ui.picks.scope.event', { count: event.photos })}
      </label>
    </fieldset>
  );
}
