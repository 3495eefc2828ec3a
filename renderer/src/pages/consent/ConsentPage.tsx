// The administrator's screen: the registry (search, class filter), a person's page, and the import wizard.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { ImportWizard } from './import/ImportWizard';
import { PersonPage } from './person/PersonPage';
import { RegistryTable, type RegistryQuery } from './RegistryTable';

type View =
  { readonly name: 'registry' } | { readonly name: 'import' } | { readonly name: 'person'; readonly personId: number };

export function ConsentPage() {
  const { t } = useI18n();
  const [view, setView] = useState<View>({ name: 'registry' });
  const [query, setQuery] = useState<RegistryQuery>({ search: '', className: '', page: 0 });
  const tab = view.name === 'import' ? 'import' : 'registry';

  return (
    <section className="page">
      <h1>{t('consent.title')}</h1>
      <div className="tabs" role="group" aria-label={t('consent.title')}>
        <button type="button" aria-pressed={tab === 'registry'} onClick={() => setView({ name: 'registry' })}>
          {t('ui.consent.tab.registry')}
        </button>
        <button type="button" aria-pressed={tab === 'import'} onClick={() => setView({ name: 'import' })}>
          {t('ui.consent.tab.import')}
        </button>
      </div>
      {view.name === 'registry' && (
        <RegistryTable
          query={query}
          onQuery={setQuery}
          onOpenPerson={(personId) => setView({ name: 'person', personId })}
          onImport={() => setView({ name: 'import' })}
        />
      )}
      {view.name === 'import' && <ImportWizard onOpenRegistry={() => setView({ name: 'registry' })} />}
      {view.name === 'person' && <PersonPage personId={view.personId} onBack={() => setView({ name: 'registry' })} />}
    </section>
  );
}
