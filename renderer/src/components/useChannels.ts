// The channels list and a label for a channel id in the current language.
import { useCallback, useEffect, useState } from 'react';
import type { Channel } from '../../../shared/consent';
import { call } from '../api';
import { useI18n } from '../i18n';

export function useChannels(): {
  channels: readonly Channel[];
  label: (id: string) => string;
  reload: () => Promise<void>;
} {
  const { language } = useI18n();
  const [channels, setChannels] = useState<readonly Channel[]>([]);
  const reload = useCallback(async () => {
    setChannels(await call('listChannels', { includeRetired: true }));
  }, []);
  useEffect(() => {
    let live = true;
    call('listChannels', { includeRetired: true }).then(
      (list) => live && setChannels(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const label = useCallback(
    (id: string) => {
      const channel = channels.find((c) => c.id === id);
      if (!channel) return id;
      return language === 'nl' ? channel.labelNl : channel.labelEn;
    },
    [channels, language],
  );
  return { channels, label, reload };
}
