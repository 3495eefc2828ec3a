// IPC methods of the foundation: app info, settings, jobs and the audit trail.
import { z } from 'zod';
import type { AppInfo, AuditAnchor, AuditEvent, AuditFacets, AuditVerification, JobProgress, Settings } from '../types';
import { settingsValueSchemas } from '../settings';
import { method, noParams } from './method';
import { fileHandle } from './ui';

/** An ISO 8601 timestamp (what the audit trail stores), for date-range filters. */
const isoMoment = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/);

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
        action: z.string().min(1).max(100).optional(),
        actorOs: z.string().min(1).max(200).optional(),
        search: z.string().max(200).optional(),
        from: isoMoment.optional(),
        to: isoMoment.optional(),
      })
      .strict(),
  ),
  listAuditFacets: method<AuditFacets>()(noParams),
  verifyAuditTrail: method<AuditVerification>()(noParams),
  /** The trail's head now (seq and hash): an anchor to copy and keep outside the database. */
  getAuditHead: method<AuditAnchor>()(noParams),
  /** Signs the head with the privacy officer's private key file and writes a checkpoint file (never over one). */
  makeAuditCheckpoint: method<AuditAnchor & { path: string; keyFingerprint: string }>()(
    z.object({ key: fileHandle, file: fileHandle }).strict(),
  ),
};
