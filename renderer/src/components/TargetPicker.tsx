// The channel and publication date every decision is made for; shared by the library, photo and publish screens.
import { useEffect } from 'react';
import { localDay } from '../../../shared/consent';
import { DEFAULT_CHANNEL_ID } from '../../../shared/decisionFilter';
import { useI18n } from '../i18n';
import { Field } from './Field';
import { useChannels } from './useChannels';

export interface PublishTarget {
  readonly channelId: string;
  /** YYYY-MM-DD */
  readonly date: string;
}

export const DEFAULT_TARGET: PublishTarget = { channelId: DEFAULT_CHANNEL_ID, date: localDay(new Date()) };

export function TargetPicker({ target, onChange }: { target: PublishTarget; onChange: (next: PublishTarget) => void }) {
  const { t } = useI18n();
  const { channels, label } = useChannels();
  const active = channels.filter((channel) => !channel.retiredAt);
  // A target channel that is gone (retired, deleted) falls back to the first channel in use.
  useEffect(() => {
    if (active.length > 0 && !active.some((channel) => channel.id === target.channelId)) {
      onChange({ ...target, channelId: active[0]!.id });
    }
  }, [active, target, onChange]);
  return (
    <div className="filters target" role="group" aria-label={t('ui.target.label')}>
      <Field label="ui.target.channel">
        <select
          name="channel"
          value={target.channelId}
          onChange={(event) => onChange({ ...target, channelId: event.target.value })}
        >
          {active.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {label(channel.id)}
            </option>
          ))}
        </select>
      </Field>
      <Field label="ui.target.date">
        <input
          type="date"
          name="date"
          value={target.date}
          required
          onChange={(event) => event.target.value && onChange({ ...target, date: event.target.value })}
        />
      </Field>
    </div>
  );
}
