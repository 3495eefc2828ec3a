// IPC methods of the protocols' consent rules: the "never publish" mark, the privacy officer role, the turning-16
// list and the renewal lists (on screen, and saved as CSV or PDF).
import { z } from 'zod';
import type { Person } from '../consent';
import type { RenewalLists, TurningSixteenItem } from '../consentLists';
import { method, noParams } from './method';
import { fileHandle } from './ui';

const schoolYear = z.string().regex(/^\d{4}-\d{4}$/);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const className = z.string().trim().min(1).max(100);
const roleChange = z.object({ osUser: z.string().trim().min(1).max(256), confirm: z.string().max(256) }).strict();

export interface PrivacyOfficerState {
  readonly officers: readonly string[];
  /** The operating-system user of this session. */
  readonly you: string;
  readonly youAre: boolean;
}

export const consentRulesContract = {
  setPersonProtected: method<Person>()(
    z
      .object({
        personId: z.number().int().min(1),
        protected: z.boolean(),
        reason: z.string().max(500).optional(),
      })
      .strict(),
  ),
  getPrivacyOfficers: method<PrivacyOfficerState>()(noParams),
  grantPrivacyOfficer: method<PrivacyOfficerState>()(roleChange),
  revokePrivacyOfficer: method<PrivacyOfficerState>()(roleChange),
  listTurningSixteen: method<TurningSixteenItem[]>()(
    z.object({ date: isoDay.optional(), withinDays: z.number().int().min(0).max(366).optional() }).strict(),
  ),
  listRenewal: method<RenewalLists>()(z.object({ schoolYear, className: className.optional() }).strict()),
  saveRenewalReport: method<{ path: string; entries: number }>()(
    z
      .object({ schoolYear, className: className.optional(), format: z.enum(['csv', 'pdf']), file: fileHandle })
      .strict(),
  ),
};
