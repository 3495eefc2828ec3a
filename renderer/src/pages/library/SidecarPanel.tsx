// Writing an event's names back to XMP sidecars (opt-in per event): the setting, and a button that starts the job
// (its progress shows in the jobs panel).
import { useState } from 'react';
import type { LibraryEvent } from '../../../../shared/library';
import { call } from '../../api';
import { DoneMessage } from '../../components/DoneMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useI18n } from '../../i18n';

export function SidecarPanel({ event }: { event: LibraryEvent }) {
  const { t } = useI18n();
  const [enabled, setEnabled] = useState(event.writeSidecars);
  const action = useAction();
  return (
    <details className="panel sidecars" open={enabled}>
      <summary>{t('ui.sidecars.title')}</summary>
      <label className="check">
        <input
          type="checkbox"
          name="writeSidecars"
          checked={enabled}
          disabled={action.busy}
          onChange={(e) => {
            const next = e.target.checked;
            void action.run(async () => {
              const answer = await call('setEventSidecars', { eventId: event.id, enabled: next });
              setEnabled(answer.enabled);
            });
          }}
        />
        {t('ui.sidecars.enable')}
      </label>
      <p className="muted">{t('ui.sidecars.help')}</p>
      {enabled && (
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            void action.run(() => call('writeSidecars', { eventId: event.id }), { done: t('ui.sidecars.started') })
          }
        >
          {t('ui.sidecars.write')}
        </button>
      )}
      <ErrorAlert error={action.error} />
      <DoneMessage message={action.done} />
    </details>
  );
}
