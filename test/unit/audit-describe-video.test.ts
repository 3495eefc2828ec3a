// The readable report's sentences for clip work (issue 15): a clip's face scan (and a forced rescan that dropped
// named tracks) and the undo of a track's split, in Dutch and English — never the bare action code.
import { describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../electron/core/audit';
import type { AuditEvent, JsonValue } from '../../shared/types';

const event = (action: string, details: JsonValue): AuditEvent => ({
  seq: 7,
  at: '2026-06-12T10:00:00.000Z',
  actorOs: 'communicatie',
  actorName: 'communicatie',
  action,
  subject: 'video:ab12',
  details,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});

describe('clip work in the readable report', () => {
  it('says a clip scan and a forced rescan with what it dropped', () => {
    const scan = event('video.faces.scan', {
      model: 'blazeface-1',
      sampleEvery: 2,
      frames: 900,
      sampled: 450,
      detections: 4000,
      tracks: 14,
    });
    expect(describeAuditEvent(scan, 'nl')).toBe(
      'Gezichten gezocht in een video met model blazeface-1 (1 op de 2 beelden doorzocht): 900 beelden, 14 sporen.',
    );
    expect(describeAuditEvent(scan, 'en')).toBe(
      'Faces searched in a clip with model blazeface-1 (1 in 2 frames searched): 900 frames, 14 tracks.',
    );
    const forced = event('video.faces.scan', {
      model: 'yunet-2023',
      sampleEvery: 2,
      frames: 100,
      sampled: 50,
      detections: 200,
      tracks: 3,
      forced: true,
      dropped: { linked: 2, guest: 1, dismissed: 0 },
    });
    expect(describeAuditEvent(forced, 'en')).toBe(
      'Faces searched again in a clip with model yunet-2023 (1 in 2 frames searched): 100 frames, 3 tracks; 3 named or marked tracks dropped.',
    );
    expect(describeAuditEvent(forced, 'nl')).toContain('3 benoemde of gemarkeerde sporen vervallen');
  });

  it('says the undo of a split, with the name given back by pseudonym unless the registry is at hand', () => {
    const open = event('review.trackUnsplit', { track: 12, removedTrack: 31, atFrame: 60, to: 'open', person: null });
    expect(describeAuditEvent(open, 'en')).toBe(
      'The split of a track in a clip was undone: track 31 (from frame 60) is part of track 12 again.',
    );
    expect(describeAuditEvent(open, 'nl')).toBe(
      'Het splitsen van een spoor in een video is ongedaan gemaakt: spoor 31 (vanaf beeld 60) is weer deel van spoor 12.',
    );
    const named = event('review.trackUnsplit', {
      track: 12,
      removedTrack: 31,
      atFrame: 60,
      to: 'linked',
      person: 'p-4f2a',
    });
    const lookup = {
      personName: (pseudonym: string) => (pseudonym === 'p-4f2a' ? "Sem van 't Hof" : null),
      channelLabel: () => null,
      withdrawnSigner: () => null,
    };
    expect(describeAuditEvent(named, 'en', lookup)).toBe(
      "The split of a track in a clip was undone: track 31 (from frame 60) is part of track 12 again, named as Sem van 't Hof again.",
    );
    expect(describeAuditEvent(named, 'en')).toContain('p-4f2a');
    expect(describeAuditEvent(named, 'en')).not.toContain('Sem');
  });
});
