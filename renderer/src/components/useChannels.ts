// The channels list and a label for a channel id in the current language.
import { useCallback } from 'react';
import type { Channel } from '../../../shared/consent';
import { call } from '../api';
import { useI18n } from '../i18n';
import { useQuery } from './useQuery';

const NONE: readonly Channel[] = [];

export function useChannels(): {
  channels: readonly Channel[];
  label: (id: string) => string;
  reload: () => Promise<void>;
} {
  const { language } = useI18n();
  const query = useQuery('channels', () => call('listChannels', { includeRetired: true }));
  const channels = query.data ?? NONE;
  const label = useCallback(
    (id: string) => {
      const channel = channels.find((c) => c.id === id);
      if (!channel) return id;
      return language === 'nl' ? channel.labelNl : channel.labelEn;
    },
    [channels, language],
  );
  return { channels, label, reload: query.reload };
}
