// Where generated thumbnails and previews are served (the app's media protocol, or the test harness).
import { useEffect, useState } from 'react';
import { call } from '../api';

let cached: Promise<string> | undefined;

export function useMediaBase(): string | null {
  const [base, setBase] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    cached ??= call('getAppInfo', {}).then((info) => info.mediaBaseUrl);
    cached.then(
      (url) => live && setBase(url),
      () => {
        cached = undefined;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return base;
}
