// Dutch and English text of the desktop screens, one file per screen in ui/ (ui/common.ts for what they share).
import { uiAuditEn, uiAuditNl } from './ui/audit';
import { uiBoardEn, uiBoardNl } from './ui/board';
import { uiCommonEn, uiCommonNl } from './ui/common';
import { uiConsentEn, uiConsentNl } from './ui/consent';
import { uiConsentRulesEn, uiConsentRulesNl } from './ui/consentRules';
import { uiLibraryEn, uiLibraryNl } from './ui/library';
import { uiPicksEn, uiPicksNl } from './ui/picks';
import { uiPublishEn, uiPublishNl } from './ui/publish';
import { uiPublishClipsEn, uiPublishClipsNl } from './ui/publishClips';
import { uiReviewEn, uiReviewNl } from './ui/review';
import { uiSettingsEn, uiSettingsNl } from './ui/settings';
import { uiVideoEn, uiVideoNl } from './ui/video';

/** Each screen's texts in both languages: the same keys in each, as the tests check. */
export const uiParts = {
  common: { nl: uiCommonNl, en: uiCommonEn },
  library: { nl: uiLibraryNl, en: uiLibraryEn },
  picks: { nl: uiPicksNl, en: uiPicksEn },
  consent: { nl: uiConsentNl, en: uiConsentEn },
  consentRules: { nl: uiConsentRulesNl, en: uiConsentRulesEn },
  publish: { nl: uiPublishNl, en: uiPublishEn },
  publishClips: { nl: uiPublishClipsNl, en: uiPublishClipsEn },
  review: { nl: uiReviewNl, en: uiReviewEn },
  audit: { nl: uiAuditNl, en: uiAuditEn },
  settings: { nl: uiSettingsNl, en: uiSettingsEn },
  video: { nl: uiVideoNl, en: uiVideoEn },
  board: { nl: uiBoardNl, en: uiBoardEn },
} as const;

export const uiNl = {
  ...uiCommonNl,
  ...uiLibraryNl,
  ...uiPicksNl,
  ...uiConsentNl,
  ...uiConsentRulesNl,
  ...uiPublishNl,
  ...uiPublishClipsNl,
  ...uiReviewNl,
  ...uiAuditNl,
  ...uiSettingsNl,
  ...uiVideoNl,
  ...uiBoardNl,
} as const;

export const uiEn = {
  ...uiCommonEn,
  ...uiLibraryEn,
  ...uiPicksEn,
  ...uiConsentEn,
  ...uiConsentRulesEn,
  ...uiPublishEn,
  ...uiPublishClipsEn,
  ...uiReviewEn,
  ...uiAuditEn,
  ...uiSettingsEn,
  ...uiVideoEn,
  ...uiBoardEn,
} as const satisfies Record<keyof typeof uiNl, string>;
