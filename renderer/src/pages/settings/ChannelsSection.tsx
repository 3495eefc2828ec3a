// The channels consent is asked for: add (Dutch and English name), rename, retire or reinstate, and delete one
// that was never used.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Channel } from '../../../../shared/consent';
import { call } from '../../api';
import { DoneMessage } from '../../components/DoneMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { useChannels } from '../../components/useChannels';
import { useI18n } from '../../i18n';

export function ChannelsSection() {
  const { t } = useI18n();
  const ids = useId();
  const { channels, reload } = useChannels();
  const [labelNl, setLabelNl] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const action = useAction();

  /** A change to the list; when it went through, the list is loaded again and the message shown. */
  async function act(change: () => Promise<unknown>, done: string): Promise<boolean> {
    const changed = await action.run(
      async () => {
        await change();
        await reload();
      },
      { done },
    );
    return changed !== null;
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    const nl = labelNl.trim();
    const en = labelEn.trim();
    const ok = await act(
      () => call('addChannel', { labelNl: nl, ...(en ? { labelEn: en } : {}) }),
      t('ui.channels.added', { label: nl }),
    );
    if (ok) {
      setLabelNl('');
      setLabelEn('');
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('ui.channels.title')}</h2>
      <p className="muted">{t('ui.channels.intro')}</p>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">{t('ui.channels.labelNl')}</th>
            <th scope="col">{t('ui.channels.labelEn')}</th>
            <th scope="col">{t('ui.col.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('ui.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {channels.map((channel) =>
            editing === channel.id ? (
              <RenameRow
                key={channel.id}
                channel={channel}
                onCancel={() => setEditing(null)}
                onSave={async (nl, en) => {
                  if (
                    await act(
                      () => call('renameChannel', { id: channel.id, labelNl: nl, labelEn: en }),
                      t('ui.channels.renamed', { label: nl }),
                    )
                  )
                    setEditing(null);
                }}
              />
            ) : (
              <ChannelRow key={channel.id} channel={channel} onRename={() => setEditing(channel.id)} act={act} />
            ),
          )}
        </tbody>
      </table>
      <div className="actions" aria-live="polite">
        <DoneMessage message={action.done} inline />
      </div>
      <ErrorAlert error={action.error} />
      <form className="form-row panel" onSubmit={add} aria-label={t('ui.channels.add')}>
        <Field label="ui.channels.newNl" grow>
          <input name="labelNl" value={labelNl} maxLength={80} required onChange={(e) => setLabelNl(e.target.value)} />
        </Field>
        <Field label="ui.channels.newEn" grow>
          <input name="labelEn" value={labelEn} maxLength={80} onChange={(e) => setLabelEn(e.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary">
            {t('ui.channels.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A channel with its buttons: rename, retire or reinstate, and delete while no consent or export refers to it. */
function ChannelRow({
  channel,
  onRename,
  act,
}: {
  channel: Channel;
  onRename: () => void;
  act: (change: () => Promise<unknown>, done: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const label = { label: channel.labelNl };
  const retired = channel.retiredAt !== null;
  return (
    <tr className={retired ? 'retired' : undefined}>
      <td>{channel.labelNl}</td>
      <td>{channel.labelEn}</td>
      <td>
        {retired ? (
          <span className="badge warn">{t('ui.channels.retired')}</span>
        ) : (
          <span className="badge ok">{t('ui.channels.active')}</span>
        )}
      </td>
      <td className="row-actions">
        <button type="button" aria-label={t('ui.channels.renameOf', label)} onClick={onRename}>
          {t('ui.channels.rename')}
        </button>
        <button
          type="button"
          aria-label={t(retired ? 'ui.channels.reinstateOf' : 'ui.channels.retireOf', label)}
          onClick={() =>
            void act(
              () => call('retireChannel', { id: channel.id, retired: !retired }),
              t(retired ? 'ui.channels.reinstated' : 'ui.channels.retiredDone', label),
            )
          }
        >
          {t(retired ? 'ui.channels.reinstate' : 'ui.channels.retire')}
        </button>
        {!channel.used && (
          <button
            type="button"
            aria-label={t('ui.channels.deleteOf', label)}
            onClick={() => void act(() => call('deleteChannel', { id: channel.id }), t('ui.channels.deleted', label))}
          >
            {t('ui.channels.delete')}
          </button>
        )}
      </td>
    </tr>
  );
}

function RenameRow({
  channel,
  onCancel,
  onSave,
}: {
  channel: Channel;
  onCancel: () => void;
  onSave: (labelNl: string, labelEn: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [nl, setNl] = useState(channel.labelNl);
  const [en, setEn] = useState(channel.labelEn);
  const keys = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void onSave(nl.trim(), en.trim());
    }
  };
  return (
    <tr onKeyDown={keys}>
      <td>
        <input
          aria-label={t('ui.channels.labelNl')}
          value={nl}
          maxLength={80}
          autoFocus
          onChange={(event) => setNl(event.target.value)}
        />
      </td>
      <td>
        <input
          aria-label={t('ui.channels.labelEn')}
          value={en}
          maxLength={80}
          onChange={(event) => setEn(event.target.value)}
        />
      </td>
      <td />
      <td className="row-actions">
        <button type="button" className="primary" onClick={() => void onSave(nl.trim(), en.trim())}>
          {t('ui.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('ui.cancel')}
        </button>
      </td>
    </tr>
  );
}
