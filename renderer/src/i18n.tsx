// Language state for the whole UI; every string goes through t() and the shared tables.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { describeError, translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { SerializedError } from '../../shared/errors';
import type { Language } from '../../shared/types';

interface I18n {
  readonly language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: MessageParams): string;
  tError(error: SerializedError): string;
  formatDateTime(iso: string): string;
  /** A 'YYYY-MM-DD' day as a date, a full timestamp as date and time (local). */
  formatMoment(isoDayOrMoment: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ initial, children }: { initial: Language; children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initial);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18n>(() => {
    const dateTime = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    const dateOnly = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium' });
    return {
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      tError: (error) => describeError(language, error),
      formatDateTime: (iso) => dateTime.format(new Date(iso)),
      formatMoment: (value) => {
        const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
        if (day) return dateOnly.format(new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
        return dateTime.format(new Date(value));
      },
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
