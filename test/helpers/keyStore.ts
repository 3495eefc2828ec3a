// A key store in memory for tests: the OS key store's interface (electron/core/db KeyStore), its entries visible.
import type { KeyStore } from '../../electron/core/db';

export function memoryKeyStore(): KeyStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    name: 'memory',
    entries,
    get: (account) => entries.get(account) ?? null,
    set: (account, key) => void entries.set(account, key),
  };
}
