// The face detector: which model is in use, the optional YuNet file (checked by its sha256), and a search of the
// photos that have no result of the current model yet.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SerializedError } from '../../../../shared/errors';
import type { FaceDetectorInfo } from '../../../../shared/faces';
import { call, errorOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

export function FaceModelSection() {
  const { t } = useI18n();
  const ids = useId();
  const [info, setInfo] = useState<FaceDetectorInfo | null>(null);
  const [modelPath, setModelPath] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<SerializedError | null>(null);

  useEffect(() => {
    call('getFaceDetectorInfo', {}).then(setInfo, (caught: unknown) => setError(errorOf(caught)));
  }, []);

  async function apply(path: string | null, event?: FormEvent) {
    event?.preventDefault();
    setError(null);
    setDone(null);
    try {
      const next = await call('setFaceModelPath', { path });
      setInfo(next);
      setDone(t('ui.faces.saved', { model: t(`faces.model.${next.active.kind}`) }));
    } catch (caught) {
      setError(errorOf(caught));
    }
  }

  async function detect() {
    setError(null);
    try {
      await call('startFaceDetection', { all: false });
      setDone(t('ui.faces.started'));
    } catch (caught) {
      setError(errorOf(caught));
    }
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
        <label className="field grow">
          <span>{t('ui.faces.path')}</span>
          <input
            type="text"
            name="faceModel"
            value={modelPath}
            spellCheck={false}
            placeholder={t('ui.faces.path.placeholder')}
            onChange={(event) => setModelPath(event.target.value)}
          />
        </label>
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
      <ErrorAlert error={error} />
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
    </section>
  );
}
