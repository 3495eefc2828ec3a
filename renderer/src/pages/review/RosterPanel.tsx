// The event's roster on screen: the registry's classes as toggles, the chosen ones pressed; their pupils are
// offered first.
import type { ReviewPeople } from '../../../../shared/review';
import { useI18n } from '../../i18n';

export function RosterPanel({
  people,
  onChange,
}: {
  people: ReviewPeople;
  onChange: (classes: readonly string[]) => void;
}) {
  const { t } = useI18n();
  const chosen = new Set(people.roster);
  return (
    <section className="review-roster" aria-label={t('ui.review.roster')}>
      <h3>{t('ui.review.roster')}</h3>
      <p className="muted">{people.roster.length > 0 ? t('ui.review.roster.help') : t('ui.review.roster.none')}</p>
      <div className="chips">
        {people.classes.map((className) => (
          <button
            key={className}
            type="button"
            className="chip"
            aria-pressed={chosen.has(className)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() =>
              onChange(
                chosen.has(className)
                  ? people.roster.filter((name) => name !== className)
                  : [...people.roster, className],
              )
            }
          >
            {className}
          </button>
        ))}
      </div>
    </section>
  );
}
