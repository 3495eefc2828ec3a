import { useState } from 'react';
import type { MessageKey } from '../../shared/i18n';
import { JobsPanel } from './components/JobsPanel';
import { DEFAULT_TARGET, type PublishTarget } from './components/TargetPicker';
import { useI18n } from './i18n';
import { AuditPage } from './pages/audit/AuditPage';
import { ConsentPage } from './pages/consent/ConsentPage';
import { LibraryPage } from './pages/library/LibraryPage';
import { PublishPage, type PublishSelection } from './pages/publish/PublishPage';
import { SettingsPage } from './pages/settings/SettingsPage';

type PageId = 'library' | 'consent' | 'publish' | 'audit' | 'settings';

const PAGES: ReadonlyArray<{ id: PageId; label: MessageKey }> = [
  { id: 'library', label: 'nav.library' },
  { id: 'consent', label: 'nav.consent' },
  { id: 'publish', label: 'nav.publish' },
  { id: 'audit', label: 'nav.audit' },
  { id: 'settings', label: 'nav.settings' },
];

export function App() {
  const { t } = useI18n();
  const [page, setPage] = useState<PageId>('library');
  // The channel and date every decision is shown for, kept across the library, photo and publish screens.
  const [target, setTarget] = useState<PublishTarget>(DEFAULT_TARGET);
  const [selection, setSelection] = useState<PublishSelection | null>(null);
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
        {page === 'library' && (
          <LibraryPage
            target={target}
            onTarget={setTarget}
            onPublish={(chosen) => {
              setSelection(chosen);
              setPage('publish');
            }}
          />
        )}
        {page === 'consent' && <ConsentPage />}
        {page === 'publish' && (
          <PublishPage target={target} onTarget={setTarget} selection={selection} onSelection={setSelection} />
        )}
        {page === 'audit' && <AuditPage />}
        {page === 'settings' && <SettingsPage />}
      </main>
      <JobsPanel />
    </div>
  );
}
