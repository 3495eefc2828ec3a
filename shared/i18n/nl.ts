// Dutch UI text: the default language and the source of truth for the set of message keys.
// Each domain keeps its text in its own file, in both languages.
import { captionNl } from './caption';
import { boardNl } from './board';
import { boardOfflineNl } from './boardOffline';
import { boardSetupNl } from './boardSetup';
import { consentNl } from './consent';
import { coreNl } from './core.nl';
import { facesNl } from './faces';
import { filesNl } from './files';
import { libraryNl } from './library';
import { videoNl } from './video';
import { videoScanNl } from './videoScan';
import { picksNl } from './picks';
import { policyNl } from './policy';
import { proofNl } from './proof';
import { publishNl } from './publish';
import { reportNl } from './report';
import { reviewNl } from './review';
import { rulesNl } from './rules';
import { uiNl } from './ui';

export const nl = {
  ...coreNl,
  ...libraryNl,
  ...videoNl,
  ...videoScanNl,
  ...picksNl,
  ...consentNl,
  ...captionNl,
  ...facesNl,
  ...filesNl,
  ...policyNl,
  ...publishNl,
  ...proofNl,
  ...reportNl,
  ...reviewNl,
  ...rulesNl,
  ...boardNl,
  ...boardOfflineNl,
  ...boardSetupNl,
  ...uiNl,
} as const;

export type MessageKey = keyof typeof nl;
