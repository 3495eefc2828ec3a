// The decision rules for clips (shared/clipPolicy.ts): track states, consent per channel and year, doubt hides, the
// main subject over time, too many at once, no scan → review, protected people and overrides like photos.
import { describe, expect, it } from 'vitest';
import { decideClip, type ClipDecisionInput, type ClipTrack } from '../../shared/clipPolicy';
import type { Box } from '../../shared/geometry';
import { translate } from '../../shared/i18n';
import { DEFAULT_POLICY_SETTINGS, type ConsentStatus, type RegionIdentity } from '../../shared/policy';
import type { TrackState } from '../../shared/videoTracks';

const FRAMES = 100;
const small: Box = { x: 0.4, y: 0.3, w: 0.05, h: 0.08 };
/** 0.4 × 0.4 = 16% of the picture: more than the photo rule's 10%. */
const large: Box = { x: 0.3, y: 0.2, w: 0.4, h: 0.4 };
const unknown: RegionIdentity = { kind: 'unknown' };

function person(
  personId: number,
  name: string,
  status: ConsentStatus,
  extra: { protected?: boolean; recordId?: number | null } = {},
): RegionIdentity {
  const recordId = extra.recordId !== undefined ? extra.recordId : status === 'none' ? null : 100 + personId;
  return { kind: 'person', personId, name, consent: { status, recordId }, protected: extra.protected === true };
}

let nextId = 1;
/** A track on screen from `from` to `to` (inclusive) with the same box; `large` frames may differ. */
function track(
  state: TrackState,
  identity: RegionIdentity,
  span: { from?: number; to?: number; box?: Box; largeFrom?: number; largeTo?: number } = {},
): ClipTrack {
  const { from = 0, to = FRAMES - 1, box = small, largeFrom = -1, largeTo = -1 } = span;
  const onScreen = [];
  for (let frame = from; frame <= to; frame += 1) {
    onScreen.push({ frame, box: frame >= largeFrom && frame <= largeTo ? large : box });
  }
  return { id: nextId++, state, identity, source: 'detector', onScreen };
}

function decide(tracks: ClipTrack[], extra: Partial<ClipDecisionInput> = {}) {
  return decideClip(
    {
      tracks,
      named: [],
      scanned: true,
      frameCount: FRAMES,
      channelLabel: 'sociale media',
      schoolYear: '2026-2027',
      ...extra,
    },
    DEFAULT_POLICY_SETTINGS,
  );
}

describe('decideClip — track states', () => {
  it('shows a linked person with consent for the channel and year, citing the record', () => {
    const zoe = track('linked', person(1, 'Zoë Bakker', 'granted'));
    const decision = decide([zoe]);
    expect(decision.status).toBe('publish');
    expect(decision.hiddenTracks).toEqual([]);
    expect(decision.visible).toEqual([{ personId: 1, consentRecordId: 101, regionIds: [zoe.id] }]);
    expect(decision.reasons[0]).toMatchObject({ code: 'policy.visible', params: { name: 'Zoë Bakker' } });
  });

  it.each<[string, RegionIdentity, string]>([
    ['refused', person(3, 'Daniëlle de Groot', 'refused'), 'policy.refused'],
    ['not returned', person(4, 'Noor Jansen', 'not_returned'), 'policy.notReturned'],
    ['no record', person(5, 'Bram ter Horst', 'none'), 'policy.noRecord'],
    ['withdrawn', person(6, 'Lotte Visser', 'withdrawn'), 'policy.withdrawn'],
    ['"granted" without a record', person(7, 'Sem Hof', 'granted', { recordId: null }), 'policy.noRecord'],
  ])('hides a linked person whose consent is %s', (_, identity, code) => {
    const hidden = track('linked', identity);
    const decision = decide([hidden]);
    expect(decision.status).toBe('hide');
    expect(decision.hiddenTracks).toEqual([hidden.id]);
    expect(decision.visible).toEqual([]);
    expect(decision.reasons[0]!.code).toBe(code);
  });

  it('hides open and guest tracks (nobody said who it is: doubt hides) and ignores dismissed ones', () => {
    const open = track('open', unknown);
    const guest = track('guest', unknown);
    const dismissed = track('dismissed', unknown, { box: large });
    const decision = decide([open, guest, dismissed]);
    expect(decision.status).toBe('hide');
    expect(decision.hiddenTracks).toEqual([open.id, guest.id]);
    expect(decision.reasons.map((reason) => reason.code)).toEqual(['policy.unknownFace', 'policy.unknownFace']);
  });

  it('publishes a scanned clip without faces as is', () => {
    expect(decide([]).status).toBe('publish');
  });

  it('never publishes a clip without a face scan, whatever its tracks say: it needs review', () => {
    const decision = decide([], { scanned: false });
    expect(decision.status).toBe('needs_review');
    expect(decision.blockers.map((b) => b.code)).toEqual(['policy.clip.notScanned']);
    // An override does not lift it: nobody has looked.
    expect(decide([], { scanned: false, override: { reason: 'is goed' } }).status).toBe('needs_review');
  });
});

describe('decideClip — the main subject over time', () => {
  it('blocks a clip where a hidden person is large in at least 20% of the frames', () => {
    const decision = decide([
      track('linked', person(3, 'Daniëlle de Groot', 'refused'), { largeFrom: 0, largeTo: 19 }),
    ]);
    expect(decision.status).toBe('blocked');
    expect(decision.overridable).toBe(true);
    expect(decision.blockers[0]).toMatchObject({
      code: 'policy.clip.mainSubject',
      params: { name: 'Daniëlle de Groot', share: 20, max: 20, area: 10 },
    });
    expect(translate('en', decision.blockers[0]!.code, decision.blockers[0]!.params)).toBe(
      'Daniëlle de Groot must be hidden but is the main subject of the clip: large in the picture (more than 10% of it) in 20% of the frames, limit 20%',
    );
  });

  it('masks, not blocks, a hidden person large for less than that share (a child running past the camera)', () => {
    const decision = decide([track('open', unknown, { largeFrom: 0, largeTo: 18 })]);
    expect(decision.status).toBe('hide');
  });

  it('counts a person who leaves and comes back (two tracks) together', () => {
    const daan = person(8, 'Daan Smit', 'refused');
    const decision = decide([
      track('linked', daan, { from: 0, to: 40, largeFrom: 0, largeTo: 11 }),
      track('linked', daan, { from: 60, to: 99, largeFrom: 60, largeTo: 71 }),
    ]);
    expect(decision.status).toBe('blocked');
    expect(decision.blockers[0]).toMatchObject({ code: 'policy.clip.mainSubject', params: { share: 24 } });
  });

  it('names an unknown main subject "an unknown face", never an empty name', () => {
    const decision = decide([track('open', unknown, { box: large })]);
    expect(decision.blockers[0]!.code).toBe('policy.clip.mainSubjectUnknown');
  });

  it('follows the setting: a share of 50% lets a clip with 30% large frames through', () => {
    const input = [track('open', unknown, { largeFrom: 0, largeTo: 29 })];
    const base = { tracks: input, named: [], scanned: true, frameCount: FRAMES, channelLabel: 'x', schoolYear: 'y' };
    expect(decideClip(base, { ...DEFAULT_POLICY_SETTINGS, clipMainSubjectShare: 0.5 }).status).toBe('hide');
    expect(decideClip(base, { ...DEFAULT_POLICY_SETTINGS, clipMainSubjectShare: 0.3 }).status).toBe('blocked');
  });

  it('never lets a consented person block the clip, however large', () => {
    expect(decide([track('linked', person(1, 'Zoë Bakker', 'granted'), { box: large })]).status).toBe('publish');
  });
});

describe('decideClip — too many hidden at once', () => {
  it('blocks when more hidden people than the limit are on screen in one frame', () => {
    const six = Array.from({ length: 6 }, () => track('open', unknown, { from: 10, to: 20 }));
    const decision = decide(six);
    expect(decision.status).toBe('blocked');
    expect(decision.blockers[0]).toMatchObject({ code: 'policy.clip.tooMany', params: { count: 6, max: 5 } });
  });

  it('masks many people who pass a few at a time', () => {
    const many = Array.from({ length: 12 }, (_, i) => track('open', unknown, { from: i * 8, to: i * 8 + 7 }));
    expect(decide(many).status).toBe('hide');
  });
});

describe('decideClip — names in the file, protected pupils, overrides', () => {
  it('blocks (no override) a person the file names who must be hidden but has no track', () => {
    const decision = decide([track('open', unknown)], {
      named: [person(3, 'Daniëlle de Groot', 'refused')],
      override: { reason: 'staat er niet op' },
    });
    expect(decision.status).toBe('blocked');
    expect(decision.overridable).toBe(false);
    expect(decision.blockers[0]).toMatchObject({ code: 'policy.clip.noTrack', params: { name: 'Daniëlle de Groot' } });
  });

  it('needs nothing more for a named person with a track, or one with consent', () => {
    const refused = person(3, 'Daniëlle de Groot', 'refused');
    expect(decide([track('linked', refused)], { named: [refused] }).status).toBe('hide');
    expect(decide([], { named: [person(1, 'Zoë Bakker', 'granted')] }).status).toBe('publish');
  });

  it('blocks a clip with a protected pupil, consent or not; only a privacy officer lifts it', () => {
    const pupil = person(9, 'Fenna Mulder', 'granted', { protected: true });
    const tracks = [track('linked', pupil)];
    const blocked = decide(tracks);
    expect(blocked.status).toBe('blocked');
    expect(blocked.hiddenTracks).toEqual([tracks[0]!.id]);
    expect(blocked.blockers[0]!.code).toBe('policy.block.protected');
    expect(blocked.officerOverridable).toBe(true);
    expect(decide(tracks, { override: { reason: 'toestemming ouders' } }).status).toBe('blocked');
    const lifted = decide(tracks, { override: { reason: 'toestemming ouders', byPrivacyOfficer: true } });
    expect(lifted.status).toBe('hide');
    expect(lifted.overridden).toBe(true);
    expect(lifted.blockers.at(-1)!.code).toBe('policy.overriddenByPrivacyOfficer');
  });

  it('lifts a main-subject block with a reason, masking the person, and records the reason', () => {
    const main = track('open', unknown, { box: large });
    const decision = decide([main], { override: { reason: '  bewust: alleen de rug is te zien  ' } });
    expect(decision.status).toBe('hide');
    expect(decision.overridden).toBe(true);
    expect(decision.hiddenTracks).toEqual([main.id]);
    expect(decision.blockers.at(-1)).toMatchObject({
      code: 'policy.overridden',
      params: { reason: 'bewust: alleen de rug is te zien' },
    });
    // A reason of only spaces overrides nothing.
    expect(decide([main], { override: { reason: '   ' } }).status).toBe('blocked');
  });
});
