import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../i18n';

/** A screen whose workflow has not landed yet: its title and what to do next. */
export function EmptyPage({ title, hint }: { title: MessageKey; hint: MessageKey }) {
  const { t } = useI18n();
  return (
    <section className="page">
      <h1>{t(title)}</h1>
      <p className="empty">{t(hint)}</p>
    </section>
  );
}
