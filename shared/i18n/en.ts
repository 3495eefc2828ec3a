// English UI text: exactly the keys of the Dutch table.
import { captionEn } from './caption';
import { boardEn } from './board';
import { boardOfflineEn } from './boardOffline';
import { boardSetupEn } from './boardSetup';
import { consentEn } from './consent';
import { coreEn } from './core.en';
import { facesEn } from './faces';
import { filesEn } from './files';
import { libraryEn } from './library';
import { videoEn } from './video';
import { videoScanEn } from './videoScan';
import { picksEn } from './picks';
import { policyEn } from './policy';
import { proofEn } from './proof';
import { publishEn } from './publish';
import { reportEn } from './report';
import { reviewEn } from './review';
import { rulesEn } from './rules';
import { uiEn } from './ui';
import type { MessageKey } from './nl';

export const en = {
  ...coreEn,
  ...libraryEn,
  ...videoEn,
  ...videoScanEn,
  ...picksEn,
  ...consentEn,
  ...captionEn,
  ...facesEn,
  ...filesEn,
  ...policyEn,
  ...publishEn,
  ...proofEn,
  ...reportEn,
  ...reviewEn,
  ...rulesEn,
  ...boardEn,
  ...boardOfflineEn,
  ...boardSetupEn,
  ...uiEn,
} as const satisfies Record<MessageKey, string>;
