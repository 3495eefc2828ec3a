import { useState } from 'react';
import type { MessageKey } from '../../shared/i18n';
import { JobsPanel } from './components/JobsPanel';
import { useI18n } from './i18n';
import { AuditPage } from './pages/AuditPage';
import { ConsentPage } from './pages/consent/ConsentPage';
import { EmptyPage } from './pages/EmptyPage';
import { SettingsPage } from './pages/SettingsPage';

type PageId = 'library' | 'consent' | 'publish' | 'audit' | 'settings';

const PAGES: ReadonlyArray<{ id: PageId; label: MessageKey }> = [
  { id: 'library', label: 'nav.library' },
  { id: 'consent', label: 'nav.consent' },
  { id: 'publish', label: 'nav.publish' },
  { id: 'audit', label: 'nav.audit' },
  { id: 'settings', label: 'nav.settings' },
];

function Page({ id }: { id: PageId }) {
  switch (id) {
    case 'library':
      return <EmptyPage title="library.title" hint="library.empty" />;
    case 'consent':
      return <ConsentPage />;
    case 'publish':
      return <EmptyPage title="publish.title" hint="publish.empty" />;
    case 'audit':
      return <AuditPage />;
    case 'settings':
      return <SettingsPage />;
  }
}

export function App() {
  const { t } = useI18n();
  const [page, setPage] = useState<PageId>('library');
  return (
    <div className="app">
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <ul>
          {PAGES.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={page === entry.id ? 'page' : undefined}
                onClick={() => setPage(entry.id)}
              >
                {t(entry.label)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <Page id={page} />
      </main>
      <JobsPanel />
    </div>
  );
}
