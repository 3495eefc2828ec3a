// The face detector: which model is in use, the optional YuNet file (checked by its sha256), and a search of the
// photos that have no result of the current model yet.
import { useId, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { DoneMessage } from '../../components/DoneMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useQuery } from '../../components/useQuery';
import { useI18n } from '../../i18n';

export function FaceModelSection() {
  const { t } = useI18n();
  const ids = useId();
  const detector = useQuery('faceDetector', () => call('getFaceDetectorInfo', {}));
  const info = detector.data;
  const [modelPath, setModelPath] = useState('');
  const action = useAction();

  async function apply(path: string | null, event?: FormEvent) {
    event?.preventDefault();
    const applied = await action.run(
      async () => {
        // A typed path goes to main to be checked (an .onnx file, not too large); the model is set by its handle.
        const file = path === null ? null : (await call('checkPath', { purpose: 'faceModel', path })).handle;
        return call('setFaceModelPath', { file });
      },
      { done: (next) => t('ui.faces.saved', { model: t(`faces.model.${next.active.kind}`) }) },
    );
    if (applied) detector.setData(applied.value);
  }

  async function detect() {
    await action.run(() => call('startFaceDetection', { all: false }), { done: t('ui.faces.started') });
  }

  return (
    <section className="settings-section" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('ui.faces.title')}</h2>
      <p className="muted">{t('ui.faces.intro')}</p>
      {info && (
        <p>
          {t('ui.faces.active', { model: t(`faces.model.${info.active.kind}`) })}{' '}
          {t('ui.faces.pending', { count: info.pendingPhotos })}
        </p>
      )}
      {info?.yunet.problem && (
        <p className="error">{t(`ui.faces.problem.${info.yunet.problem}`, { path: info.yunet.path ?? '' })}</p>
      )}
      <form className="form-row" onSubmit={(event) => void apply(modelPath.trim(), event)}>
        <Field label="ui.faces.path" grow>
          <input
            type="text"
            name="faceModel"
            value={modelPath}
            spellCheck={false}
            placeholder={t('ui.faces.path.placeholder')}
            onChange={(event) => setModelPath(event.target.value)}
          />
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={!modelPath.trim()}>
            {t('ui.faces.install')}
          </button>
          {info?.active.kind === 'yunet' && info.yunet.from === 'setting' && (
            <button type="button" onClick={() => void apply(null)}>
              {t('ui.faces.useDefault')}
            </button>
          )}
          <button type="button" onClick={() => void detect()} disabled={info?.pendingPhotos === 0}>
            {t('ui.faces.detect')}
          </button>
        </div>
      </form>
      <ErrorAlert error={action.error ?? detector.error} />
      <DoneMessage message={action.done} />
    </section>
  );
}
