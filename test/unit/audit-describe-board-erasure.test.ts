// The readable report's sentence for a workstation following an erasure made on the board (issue 16): the local
// logbook entry `person.erasedOnBoard` said in Dutch and English by pseudonym, with what this computer cleared.
import { describe, expect, it } from 'vitest';
import { describeAuditEvent } from '../../electron/core/audit';
import type { AuditEvent } from '../../shared/types';

const followed: AuditEvent = {
  seq: 12,
  at: '2026-11-30T10:00:00.000Z',
  actorOs: 'communicatie',
  actorName: '',
  action: 'person.erasedOnBoard',
  subject: 'person:p-3f9a',
  details: { person: 'p-3f9a', regionsUnlinked: 4, tagsRemoved: 2, videoTracksUnlinked: 1, keywordsRemoved: 0 },
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
};

describe('an erasure followed from the board in the readable report', () => {
  it('says who (by pseudonym) and what this computer cleared', () => {
    expect(describeAuditEvent(followed, 'nl')).toBe(
      'De privacyfunctionaris van het bestuur heeft een persoon gewist (pseudoniem p-3f9a); op deze computer: 4 gebieden en 1 videosporen ontkoppeld, 2 namen uit bestanden verwijderd.',
    );
    expect(describeAuditEvent(followed, 'en')).toBe(
      "The board's privacy officer erased a person (pseudonym p-3f9a); on this computer: 4 regions and 1 clip tracks unlinked, 2 names removed from files.",
    );
  });
});
