// Message lookup for every user-facing string (renderer and CLI): a key, parameters, a language.
import type { ErrorParams, SerializedError } from '../errors';
import type { Language } from '../types';
import { en } from './en';
import { nl, type MessageKey } from './nl';

export type { MessageKey } from './nl';

const tables: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { nl, en };

export type MessageParams = Readonly<Record<string, string | number | boolean | null | undefined>>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(nl, key);
}

export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = tables[language][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** A user-facing sentence for an error code; unknown codes fall back to a generic message naming the code. */
export function describeError(language: Language, error: SerializedError): string {
  const key = `error.${error.code}`;
  if (isMessageKey(key)) return translate(language, key, error.params as ErrorParams);
  return translate(language, 'error.generic', { code: error.code });
}

export function messageKeys(language: Language): MessageKey[] {
  return Object.keys(tables[language]) as MessageKey[];
}
