// The administrator's screen: the registry (search, class filter), a person's page, the import wizard, pupils
// turning 16 and who still has to return a form.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { ImportWizard } from './import/ImportWizard';
import { RenewalLists } from './lists/RenewalLists';
import { TurningSixteen } from './lists/TurningSixteen';
import { PersonPage } from './person/PersonPage';
import { RegistryTable, type RegistryQuery } from './RegistryTable';

type Tab = 'registry' | 'import' | 'turning16' | 'renewal';
type View = { readonly name: Tab } | { readonly name: 'person'; readonly personId: number; readonly from: Tab };

const TABS: ReadonlyArray<
  readonly [
    Tab,
    'ui.consent.tab.registry' | 'ui.consent.tab.import' | 'ui.consent.tab.turning16' | 'ui.consent.tab.renewal',
  ]
> = [
  ['registry', 'ui.consent.tab.registry'],
  ['import', 'ui.consent.tab.import'],
  ['turning16', 'ui.consent.tab.turning16'],
  ['renewal', 'ui.consent.tab.renewal'],
];

const BACK: Readonly<Record<Tab, 'ui.person.back' | 'ui.person.backToTurning16' | 'ui.person.backToRenewal'>> = {
  registry: 'ui.person.back',
  import: 'ui.person.back',
  turning16: 'ui.person.backToTurning16',
  renewal: 'ui.person.backToRenewal',
};

export function ConsentPage() {
  const { t } = useI18n();
  const [view, setView] = useState<View>({ name: 'registry' });
  const [query, setQuery] = useState<RegistryQuery>({ search: '', className: '', page: 0 });
  const tab: Tab = view.name === 'person' ? view.from : view.name;
  const openPerson = (from: Tab) => (personId: number) => setView({ name: 'person', personId, from });

  return (
    <section className="page">
      <h1>{t('consent.title')}</h1>
      <div className="tabs" role="group" aria-label={t('consent.title')}>
        {TABS.map(([name, label]) => (
          <button key={name} type="button" aria-pressed={tab === name} onClick={() => setView({ name })}>
            {t(label)}
          </button>
        ))}
      </div>
      {view.name === 'registry' && (
        <RegistryTable
          query={query}
          onQuery={setQuery}
          onOpenPerson={openPerson('registry')}
          onImport={() => setView({ name: 'import' })}
        />
      )}
      {view.name === 'import' && <ImportWizard onOpenRegistry={() => setView({ name: 'registry' })} />}
      {view.name === 'turning16' && <TurningSixteen onOpenPerson={openPerson('turning16')} />}
      {view.name === 'renewal' && <RenewalLists onOpenPerson={openPerson('renewal')} />}
      {view.name === 'person' && (
        <PersonPage personId={view.personId} onBack={() => setView({ name: view.from })} backLabel={BACK[view.from]} />
      )}
    </section>
  );
}
