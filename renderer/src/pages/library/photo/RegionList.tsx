// The people on a photo as a list: who each region is, why they are visible or hidden, and linking a region to a
// person (a suggestion to confirm, or a search of the registry), undoing a link, dismissing a false detection.
import { useState } from 'react';
import type { PersonRef, RegionMatchView } from '../../../../../shared/people';
import type { DecisionReason } from '../../../../../shared/policy';
import { useI18n } from '../../../i18n';
import { ReasonText } from './DecisionPanel';
import { PersonSearch } from './PersonSearch';

export function RegionList({
  matches,
  labelOf,
  scores,
  reasonOf,
  onLink,
  onUnlink,
  onDismiss,
}: {
  /** The photo's regions, dismissed ones included (they are listed apart). */
  matches: readonly RegionMatchView[];
  labelOf: (match: RegionMatchView) => string;
  scores: ReadonlyMap<number, number | null>;
  reasonOf: ReadonlyMap<number, DecisionReason>;
  onLink: (match: RegionMatchView, person: PersonRef) => void;
  onUnlink: (match: RegionMatchView) => void;
  onDismiss: (match: RegionMatchView) => void;
}) {
  const { t } = useI18n();
  const live = matches.filter((match) => !match.dismissed);
  const dismissed = matches.filter((match) => match.dismissed);
  return (
    <>
      <h3>{t('ui.photo.regions', { count: live.length })}</h3>
      {live.length === 0 && <p className="empty">{t('ui.photo.noRegions')}</p>}
      <ul className="region-list">
        {live.map((match) => (
          <RegionItem
            key={match.regionId}
            match={match}
            label={labelOf(match)}
            score={scores.get(match.regionId) ?? null}
            reason={reasonOf.get(match.regionId) ?? null}
            onLink={(person) => onLink(match, person)}
            onUnlink={() => onUnlink(match)}
            onDismiss={() => onDismiss(match)}
          />
        ))}
      </ul>
      {dismissed.length > 0 && (
        <details>
          <summary>
            {t('ui.photo.dismissed')} ({dismissed.length})
          </summary>
          <ul>
            {dismissed.map((match) => (
              <li key={match.regionId} className="muted">
                {labelOf(match)} · {t(`ui.photo.source.${match.source}`)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function RegionItem({
  match,
  label,
  score,
  reason,
  onLink,
  onUnlink,
  onDismiss,
}: {
  match: RegionMatchView;
  label: string;
  score: number | null;
  reason: DecisionReason | null;
  onLink: (person: PersonRef) => void;
  onUnlink: () => void;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  const [linking, setLinking] = useState(false);
  const className = (person: PersonRef) => (person.className ? ` (${person.className})` : '');
  const statusText = match.guest
    ? t('ui.photo.match.guest')
    : match.status === 'linked' || match.status === 'matched'
      ? t(`ui.photo.match.${match.status}`, { name: match.person?.name ?? '' })
      : match.status === 'ambiguous'
        ? t('ui.photo.match.ambiguous', { count: match.candidates.length })
        : t(`ui.photo.match.${match.status}`);
  const confirmable = [
    ...(match.offered && match.status !== 'linked'
      ? [{ person: match.offered, key: 'ui.photo.offered' as const }]
      : []),
    ...(match.status === 'unmatched' || match.status === 'ambiguous' || match.status === 'unknown'
      ? [...match.candidates, ...match.suggestions]
          .filter((person) => person.personId !== match.offered?.personId)
          .slice(0, 3)
          .map((person) => ({ person, key: 'ui.photo.suggestion' as const }))
      : []),
  ];
  return (
    <li className="region-item" data-region={match.regionId} aria-label={label}>
      <div className="region-head">
        <strong>{label}</strong>
        {reason && (
          <span className={`badge ${reason.code === 'policy.visible' ? 'ok' : 'bad'}`}>
            {t(reason.code === 'policy.visible' ? 'ui.photo.visible' : 'ui.photo.hidden')}
          </span>
        )}
      </div>
      {reason && (
        <div className={reason.code === 'policy.visible' ? 'ok' : 'error'}>
          <ReasonText reason={reason} />
        </div>
      )}
      <div className="muted">
        {[
          t(`ui.photo.source.${match.source}`),
          score !== null && match.source === 'detector'
            ? t('ui.photo.score', { score: Math.round(score * 100) })
            : null,
          match.box ? null : t('ui.photo.noBox'),
          statusText,
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
      {confirmable.map(({ person, key }) => (
        <div key={`${key}-${person.personId}`} className="suggestion">
          <span>{t(key, { name: person.name, className: className(person) })}</span>
          <button type="button" onClick={() => onLink(person)}>
            {t('ui.photo.confirm', { name: person.name })}
          </button>
        </div>
      ))}
      <div className="row-actions">
        <button type="button" aria-expanded={linking} onClick={() => setLinking(!linking)}>
          {t('ui.photo.link')}
        </button>
        {match.status === 'linked' && (
          <button type="button" onClick={onUnlink}>
            {t('ui.photo.unlink')}
          </button>
        )}
        {match.source !== 'file' && match.box && (
          <button type="button" aria-label={t('ui.photo.dismissOf', { label })} onClick={onDismiss}>
            {t('ui.photo.dismiss')}
          </button>
        )}
      </div>
      {linking && (
        <PersonSearch
          onPick={(person) => {
            setLinking(false);
            onLink(person);
          }}
          onCancel={() => setLinking(false)}
        />
      )}
    </li>
  );
}
