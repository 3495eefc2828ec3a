// Names for the audit report's sentences, from the registry as it is now: an erased person stays a pseudonym.
import { displayName } from '../../../shared/consent';
import type { ReportLookup } from '../audit';
import type { ReadableDb } from '../db';
import { findChannel } from './repository';
import { personByPseudonym, signerBeforeRecord } from './reportRepository';

export function auditReportLookup(db: ReadableDb): ReportLookup {
  return {
    personName: (pseudonym) => {
      const person = personByPseudonym(db, pseudonym);
      if (!person || person.erasedAt !== null || person.achternaam.trim() === '') return null;
      return displayName(person);
    },
    channelLabel: (channelId, language) => {
      const channel = findChannel(db, channelId);
      if (!channel) return null;
      return language === 'nl' ? channel.labelNl : channel.labelEn;
    },
    withdrawnSigner: (recordId) => signerBeforeRecord(db, recordId),
  };
}
