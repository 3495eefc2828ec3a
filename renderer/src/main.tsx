import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { call } from './api';
import { I18nProvider } from './i18n';
import './styles/base.css';
import './styles/blocks.css';
import './styles/consent.css';
import './styles/forms.css';
import './styles/library.css';
import './styles/review.css';

async function boot(): Promise<void> {
  // The stored language decides the first paint; Dutch if settings cannot be read.
  const settings = await call('getSettings', {}).catch(() => null);
  const language = settings?.language ?? 'nl';
  document.documentElement.lang = language;
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider initial={language}>
        <App />
      </I18nProvider>
    </StrictMode>,
  );
}

void boot();
