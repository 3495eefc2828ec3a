// Dutch and English text of the desktop screens, one file per screen in ui/ (ui/common.ts for what they share).
import { uiAuditEn, uiAuditNl } from './ui/audit';
import { uiCommonEn, uiCommonNl } from './ui/common';
import { uiConsentEn, uiConsentNl } from './ui/consent';
import { uiLibraryEn, uiLibraryNl } from './ui/library';
import { uiPicksEn, uiPicksNl } from './ui/picks';
import { uiPublishEn, uiPublishNl } from './ui/publish';
import { uiReviewEn, uiReviewNl } from './ui/review';
import { uiSettingsEn, uiSettingsNl } from './ui/settings';

/** Each screen's texts in both languages: the same keys in each, as the tests check. */
export const uiParts = {
  common: { nl: uiCommonNl, en: uiCommonEn },
  library: { nl: uiLibraryNl, en: uiLibraryEn },
  picks: { nl: uiPicksNl, en: uiPicksEn },
  consent: { nl: uiConsentNl, en: uiConsentEn },
  publish: { nl: uiPublishNl, en: uiPublishEn },
  review: { nl: uiReviewNl, en: uiReviewEn },
  audit: { nl: uiAuditNl, en: uiAuditEn },
  settings: { nl: uiSettingsNl, en: uiSettingsEn },
} as const;

export const uiNl = {
  ...uiCommonNl,
  ...uiLibraryNl,
  ...uiPicksNl,
  ...uiConsentNl,
  ...uiPublishNl,
  ...uiReviewNl,
  ...uiAuditNl,
  ...uiSettingsNl,
} as const;

export const uiEn = {
  ...uiCommonEn,
  ...uiLibraryEn,
  ...uiPicksEn,
  ...uiConsentEn,
  ...uiPublishEn,
  ...uiReviewEn,
  ...uiAuditEn,
  ...uiSettingsEn,
} as const satisfies Record<keyof typeof uiNl, string>;
