// The consent import wizard: file → columns → preview → saved, one file per step. Each step calls the registry's
// IPC; nothing is stored before the person commits the preview they saw (its token).
import { useEffect, useMemo, useRef, useState } from 'react';
import { currentSchoolYear, type ImportPersonKind } from '../../../../../shared/consent';
import type { MessageKey } from '../../../../../shared/i18n';
import type {
  ConsentFileInfo,
  ConsentImportCommitResult,
  ConsentImportPreviewResult,
} from '../../../../../shared/ipc/consent';
import { call } from '../../../api';
import { Busy } from '../../../components/Busy';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useAction } from '../../../components/useAction';
import { useI18n } from '../../../i18n';
import { DoneStep } from './DoneStep';
import { FileStep } from './FileStep';
import { mappingFromUses, usesFromMapping, type ColumnUse } from './mapping';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';

type Step = 'file' | 'mapping' | 'preview' | 'done';
const STEPS: ReadonlyArray<{ id: Step; label: MessageKey }> = [
  { id: 'file', label: 'ui.import.step.file' },
  { id: 'mapping', label: 'ui.import.step.mapping' },
  { id: 'preview', label: 'ui.import.step.preview' },
  { id: 'done', label: 'ui.import.step.done' },
];

export function ImportWizard({ onOpenRegistry }: { onOpenRegistry: () => void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>('file');
  const [filePath, setFilePath] = useState('');
  const [info, setInfo] = useState<(ConsentFileInfo & { readonly list: string }) | null>(null);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [schoolYear, setSchoolYear] = useState(currentSchoolYear());
  const [headerRow, setHeaderRow] = useState(1);
  const [personKind, setPersonKind] = useState<ImportPersonKind>('pupil');
  const [uses, setUses] = useState<Record<string, ColumnUse>>({});
  const [preview, setPreview] = useState<ConsentImportPreviewResult | null>(null);
  const [onlyValid, setOnlyValid] = useState(false);
  const [result, setResult] = useState<ConsentImportCommitResult | null>(null);
  const action = useAction();
  const container = useRef<HTMLDivElement>(null);

  // Each new step (and a newly read file) takes the focus to its heading, so the keyboard continues from there.
  useEffect(() => {
    container.current?.querySelector<HTMLElement>('h2[tabindex]')?.focus();
  }, [step, info]);

  async function browse() {
    const chosen = await action.run(() => call('chooseFile', { purpose: 'consentList' }), {
      busy: 'ui.import.choosing',
    });
    const choice = chosen?.value.choice;
    if (choice) {
      setFilePath(choice.path);
      await read({ file: choice.handle }, undefined);
    }
  }

  /**
   * Reads a list: by Browse…'s handle, by a typed path (main checks it for a consent list and answers with a
   * handle), or — another sheet of the file already read — by the name main gave that list.
   */
  async function read(
    source: { file: string } | { list: string } | { typed: string },
    chosenSheet: string | undefined,
  ) {
    const read = await action.run(
      async () => {
        const from =
          'typed' in source
            ? { file: (await call('checkPath', { purpose: 'consentList', path: source.typed })).handle }
            : source;
        return call('readConsentFile', { ...from, ...(chosenSheet ? { sheet: chosenSheet } : {}) });
      },
      { busy: 'ui.import.reading' },
    );
    if (!read) return;
    const file = read.value;
    setInfo(file);
    setSheet(file.sheet ?? undefined);
    setHeaderRow(file.proposedMapping.headerRow);
    setPersonKind(file.proposedMapping.personKind);
    setUses(usesFromMapping(file.proposedMapping));
    setPreview(null);
  }

  const headers = useMemo(() => info?.sampleRows[headerRow - 1] ?? [], [info, headerRow]);
  const mapping = info ? mappingFromUses(headerRow, personKind, headers, uses) : null;

  async function showPreview() {
    if (!info || !mapping) return;
    const answer = await action.run(
      () => call('previewConsentImport', { list: info.list, ...(sheet ? { sheet } : {}), schoolYear, mapping }),
      { busy: 'ui.import.previewing' },
    );
    if (answer) {
      setPreview(answer.value);
      setOnlyValid(false);
      setStep('preview');
    }
  }

  async function commit() {
    if (!preview) return;
    const saved = await action.run(() => call('commitConsentImport', { token: preview.token, onlyValid }), {
      busy: 'ui.import.saving',
    });
    if (saved) {
      setResult(saved.value);
      setStep('done');
    }
  }

  function restart() {
    setStep('file');
    setInfo(null);
    setPreview(null);
    setResult(null);
    setFilePath('');
    action.setError(null);
  }

  return (
    <div className="wizard" ref={container}>
      <ol className="steps" aria-label={t('ui.import.steps')}>
        {STEPS.map((entry, index) => (
          <li key={entry.id} aria-current={entry.id === step ? 'step' : undefined}>
            <span className="step-number">{index + 1}</span> {t(entry.label)}
          </li>
        ))}
      </ol>

      {step === 'file' && (
        <FileStep
          filePath={filePath}
          onFilePath={setFilePath}
          info={info}
          idle={!action.busy && !action.error}
          busy={action.busy}
          onBrowse={() => void browse()}
          onRead={(chosenSheet) => {
            if (chosenSheet !== undefined) setSheet(chosenSheet);
            // Another sheet of the list already read; else the path in the field, checked by main.
            void read(
              chosenSheet !== undefined && info ? { list: info.list } : { typed: filePath.trim() },
              chosenSheet,
            );
          }}
          schoolYear={schoolYear}
          onSchoolYear={setSchoolYear}
          sheet={sheet}
          onNext={() => setStep('mapping')}
        />
      )}
      {step === 'mapping' && info && (
        <MappingStep
          info={info}
          headers={headers}
          headerRow={headerRow}
          onHeaderRow={setHeaderRow}
          personKind={personKind}
          onPersonKind={setPersonKind}
          uses={uses}
          onUses={setUses}
          busy={action.busy}
          onBack={() => setStep('file')}
          onPreview={() => void showPreview()}
        />
      )}
      {step === 'preview' && preview && (
        <PreviewStep
          preview={preview}
          onlyValid={onlyValid}
          onOnlyValid={setOnlyValid}
          busy={action.busy}
          onBack={() => setStep('mapping')}
          onCommit={() => void commit()}
        />
      )}
      {step === 'done' && result && <DoneStep result={result} onOpenRegistry={onOpenRegistry} onAnother={restart} />}

      <Busy label={action.busyLabel} />
      <ErrorAlert error={action.error} />
    </div>
  );
}
