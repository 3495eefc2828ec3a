// IPC methods of the foundation: app info, settings, jobs and the audit trail.
import { z } from 'zod';
import type { AppInfo, AuditEvent, AuditVerification, JobProgress, Settings } from '../types';
import { settingsValueSchemas } from '../settings';
import { method, noParams } from './method';

export const coreContract = {
  getAppInfo: method<AppInfo>()(noParams),
  getSettings: method<Settings>()(noParams),
  updateSettings: method<Settings>()(z.object(settingsValueSchemas).partial().strict()),
  listJobs: method<JobProgress[]>()(noParams),
  cancelJob: method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(64) }).strict()),
  listAuditEvents: method<AuditEvent[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(1000).default(200),
        beforeSeq: z.number().int().min(1).optional(),
      })
      .strict(),
  ),
  verifyAuditTrail: method<AuditVerification>()(noParams),
};
