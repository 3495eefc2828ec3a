// Each logbook entry said in a sentence a privacy officer can hand on ("Zoë Bakker's parents withdrew consent for
// social media; reason given"). People are named through a lookup the caller gives (the consent registry sits above
// the audit domain); without one, or for an erased person, the pseudonym stays.
import { isMessageKey, translate, type MessageKey, type MessageParams } from '../../../shared/i18n';
import { canonicalJson } from '../../../shared/canonicalJson';
import type { AuditEvent, JsonValue, Language } from '../../../shared/types';

export interface ReportLookup {
  /** The person's display name now; null when unknown or erased. */
  personName(pseudonym: string): string | null;
  /** The channel's label in the language; null when unknown. */
  channelLabel(channelId: string, language: Language): string | null;
  /** Who had signed the consent a withdrawal ended (the version before `recordId`); null when unknown. */
  withdrawnSigner(recordId: number): 'parent' | 'guardian' | 'self' | null;
}

type Details = Readonly<Record<string, JsonValue>>;

function asDetails(value: JsonValue): Details {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function text(details: Details, key: string): string | null {
  const value = details[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

function count(details: Details, key: string): number | null {
  const value = details[key];
  if (typeof value === 'number') return value;
  return Array.isArray(value) ? value.length : null;
}

/** What the caption check of an export found, in words; '' for an export without a caption. */
function captionSentence(caption: Details, t: (key: MessageKey, params?: MessageParams) => string): string {
  const findings = Array.isArray(caption.findings) ? caption.findings : null;
  if (findings === null) return '';
  if (findings.length === 0) return t('report.caption.clean');
  const rules = [...new Set(findings.map((finding) => text(asDetails(finding), 'rule') ?? '?'))]
    .map((rule) => (isMessageKey(rule) ? t(rule) : rule))
    .join('; ');
  const found = t('report.caption.findings', { count: findings.length, rules });
  return caption.stored === 'hashOnly' ? `${found} ${t('report.caption.hashOnly')}` : found;
}

/** Which credit fields the export kept (none is the default and says nothing). */
function creditsSentence(settings: Details, t: (key: MessageKey, params?: MessageParams) => string): string {
  const fields = Array.isArray(settings.credits) ? settings.credits.map(String) : [];
  if (fields.length === 0) return '';
  const labels = fields.map((field) => {
    const key = `ui.credits.field.${field}`;
    return isMessageKey(key) ? t(key) : field;
  });
  return t('report.credits.kept', { fields: labels.join(', ') });
}

/** Says one entry in words; an entry it has no sentence for (or whose details are not as expected) gets its title. */
export function describeAuditEvent(event: AuditEvent, language: Language, lookup?: ReportLookup): string {
  const t = (key: MessageKey, params?: MessageParams): string => translate(language, key, params);
  const details = asDetails(event.details);
  const settings = asDetails(details.settings ?? null);

  const person = (pseudonym: string | null): string => {
    if (pseudonym === null) return t('report.someone');
    return lookup?.personName(pseudonym) ?? t('report.erasedPerson', { pseudonym });
  };
  const channel = (id: string | null): string => (id === null ? '?' : (lookup?.channelLabel(id, language) ?? id));
  const status = (value: string | null): string => {
    const key = `consent.status.${value ?? 'none'}`;
    return isMessageKey(key) ? t(key) : (value ?? '');
  };
  const reason = (): string => {
    if (event.personal === null) return t('report.reason.erased');
    const personal = asDetails(event.personal ?? null);
    const given = typeof personal.reason === 'string' && personal.reason.trim() !== '';
    return t(given ? 'report.reason.given' : 'report.reason.none');
  };
  const day = (value: string | null): string => (value ?? '?').slice(0, 10);

  const sentences: Partial<Record<string, () => string | null>> = {
    'settings.update': () =>
      t('report.event.settings.update', {
        changes: Object.entries(details)
          .map(([key, value]) => {
            const label = `report.setting.${key}`;
            const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
            return `${isMessageKey(label) ? t(label) : key} = ${shown}`;
          })
          .join(', '),
      }),
    'db.encrypted': () => t('report.event.db.encrypted', { source: text(details, 'keySource') ?? '?' }),
    'channel.add': () => t('report.event.channel.add', { channel: channel(text(details, 'id')) }),
    'channel.rename': () => {
      const lang = language === 'nl' ? 'labelNl' : 'labelEn';
      const from = text(asDetails(details.from ?? null), lang);
      const to = text(asDetails(details.to ?? null), lang);
      return from && to ? t('report.event.channel.rename', { from, to }) : null;
    },
    'channel.retire': () => t('report.event.channel.retire', { channel: channel(text(details, 'id')) }),
    'channel.reinstate': () => t('report.event.channel.reinstate', { channel: channel(text(details, 'id')) }),
    'channel.delete': () =>
      t('report.event.channel.delete', {
        channel: text(details, language === 'nl' ? 'labelNl' : 'labelEn') ?? text(details, 'id') ?? '?',
      }),
    'consent.import': () =>
      text(details, 'schoolYear') === null
        ? null
        : t('report.event.consent.import', {
            file: text(details, 'fileName') ?? '?',
            year: text(details, 'schoolYear'),
            records: count(details, 'recordsWritten') ?? 0,
            errors: count(details, 'errorRows') ?? 0,
            onlyValid: details.onlyValid === true ? t('report.event.consent.import.onlyValid') : '',
          }),
    'consent.manual': () =>
      text(details, 'person') === null
        ? null
        : t('report.event.consent.manual', {
            person: person(text(details, 'person')),
            channel: channel(text(details, 'channel')),
            year: text(details, 'schoolYear') ?? '?',
            from: status(text(details, 'from')),
            to: status(text(details, 'to')),
            date: day(text(details, 'effectiveFrom')),
            reason: reason(),
          }),
    'consent.withdraw': () => {
      if (text(details, 'person') === null) return null;
      const recordId = count(details, 'recordId');
      const signer = recordId === null ? null : (lookup?.withdrawnSigner(recordId) ?? null);
      return t(`report.event.consent.withdraw.${signer ?? 'unknown'}`, {
        person: person(text(details, 'person')),
        channel: channel(text(details, 'channel')),
        year: text(details, 'schoolYear') ?? '?',
        date: day(text(details, 'effectiveFrom')),
        reason: reason(),
      });
    },
    'export.done': () =>
      [
        t('report.event.export.done', {
          channel: channel(text(settings, 'channel')),
          date: text(settings, 'date') ?? '?',
          exported: count(details, 'exported') ?? 0,
          hidden: count(details, 'hiddenRegions') ?? 0,
          blocked: count(details, 'blocked') ?? 0,
          review: count(details, 'needsReview') ?? 0,
          failed: count(details, 'failed') ?? 0,
        }),
        clipsSentence(details, settings, t),
        captionSentence(asDetails(details.caption ?? null), t),
        creditsSentence(settings, t),
      ]
        .filter(Boolean)
        .join(' '),
    'export.cancelled': () =>
      t('report.event.export.cancelled', { channel: channel(text(details, 'channel')), date: text(details, 'date') }),
    'export.failed': () =>
      t('report.event.export.failed', { channel: channel(text(details, 'channel')), date: text(details, 'date') }),
    'export.interrupted': () => t('report.event.export.interrupted', { files: count(details, 'filesRemoved') ?? 0 }),
    'export.override': () =>
      t(event.subject.startsWith('clip:') ? 'report.event.export.override.clip' : 'report.event.export.override', {
        channel: channel(text(details, 'channel')),
        date: text(details, 'date') ?? '?',
        blockers: (Array.isArray(details.blockers) ? details.blockers : [])
          .map((code) => String(code).replace(/^policy\.(block\.|review\.)?/, ''))
          .join(', '),
        reason: reason(),
      }),
    'exports.pruned': () =>
      t('report.event.exports.pruned', {
        years: text(details, 'years') ?? '?',
        count: count(details, 'exportIds') ?? 0,
      }),
    'person.erased': () =>
      t('report.event.person.erased', {
        pseudonym: text(details, 'person') ?? '?',
        regions: count(details, 'regionsUnlinked') ?? 0,
        tags: count(details, 'tagsRemoved') ?? 0,
        published: count(details, 'stillPublished') ?? 0,
      }),
    'faces.detect': () =>
      t('report.event.faces.detect', {
        model: text(details, 'model') ?? '?',
        photos: count(details, 'photos') ?? 0,
        faces: count(details, 'faces') ?? 0,
      }),
    'faces.dismiss': () => t('report.event.faces.dismiss'),
    'faces.draw': () => t('report.event.faces.draw'),
    'faces.model.set': () => t('report.event.faces.model.set'),
    'library.folderAdded': () => t('report.event.library.folderAdded'),
    'people.link': () => t('report.event.people.link', { person: person(text(details, 'person')) }),
    'people.unlink': () => t('report.event.people.unlink', { person: person(text(details, 'previousPerson')) }),
    'audit.checkpoint': () => t('report.event.audit.checkpoint', { seq: text(details, 'seq') ?? '?' }),
    'review.track': () => {
      const to = text(details, 'to');
      if (to !== 'linked' && to !== 'guest' && to !== 'dismissed' && to !== 'open') return null;
      return t(`report.event.review.track.${to}`, {
        track: text(details, 'track') ?? '?',
        person: person(text(details, 'person')),
      });
    },
    'review.trackSplit': () =>
      t('report.event.review.trackSplit', {
        track: text(details, 'track') ?? '?',
        newTrack: text(details, 'newTrack') ?? '?',
        frame: text(details, 'atFrame') ?? '?',
      }),
    'review.trackUnsplit': () =>
      t(
        text(details, 'to') === 'linked'
          ? 'report.event.review.trackUnsplit.linked'
          : 'report.event.review.trackUnsplit',
        {
          track: text(details, 'track') ?? '?',
          removed: text(details, 'removedTrack') ?? '?',
          frame: text(details, 'atFrame') ?? '?',
          person: person(text(details, 'person')),
        },
      ),
    'video.faces.scan': () => {
      const dropped = Object.values(asDetails(details.dropped ?? null));
      const droppedCount = dropped.reduce<number>((sum, n) => sum + (typeof n === 'number' ? n : 0), 0);
      return t(details.forced === true ? 'report.event.video.faces.scan.forced' : 'report.event.video.faces.scan', {
        model: text(details, 'model') ?? '?',
        every: text(details, 'sampleEvery') ?? '?',
        frames: count(details, 'frames') ?? 0,
        tracks: count(details, 'tracks') ?? 0,
        dropped: droppedCount,
      });
    },
  };
  const sentence = sentences[event.action]?.() ?? null;
  if (sentence !== null) return sentence;
  // Entries added by later versions: their title from the logbook screen, else the action code.
  const title = `ui.audit.action.${event.action}`;
  return t('report.event.generic', { what: isMessageKey(title) ? t(title) : event.action });
}

/** Personal details kept beside the chain: as JSON, 'erased' once erased, empty when the event has none. */
export function personalText(event: AuditEvent): string {
  if (event.personal === undefined) return '';
  return event.personal === null ? 'erased' : canonicalJson(event.personal);
}

/** An export with clips (issue 15): how many went out, how many tracks were masked, and whether their sound was kept. */
function clipsSentence(
  details: Details,
  settings: Details,
  t: (key: MessageKey, params?: MessageParams) => string,
): string | null {
  if ((count(settings, 'clips') ?? 0) === 0) return null;
  return t('report.event.export.clips', {
    clips: count(details, 'clipsExported') ?? 0,
    tracks: count(details, 'hiddenTracks') ?? 0,
    audio: t(settings.keepAudio === true ? 'report.event.export.audio.kept' : 'report.event.export.audio.removed'),
  });
}
