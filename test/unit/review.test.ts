// The review's pure parts: bursts (same camera, seconds apart), "nearly the same place" (position and size only),
// and the type-ahead's ranking (accents and case ignored; first name, surname, class).
import { describe, expect, it } from 'vitest';
import {
  BURST_GAP_SECONDS,
  BURST_MAX_CENTRE_SHIFT,
  BURST_MAX_SIZE_RATIO,
  findBursts,
  rankPeople,
  sameBurstPlace,
  type ReviewPerson,
} from '../../shared/review';

const box = { x: 0.4, y: 0.3, w: 0.1, h: 0.15 };
const canon = (takenAt: string | null) => ({ takenAt, cameraMake: 'Canon', cameraModel: 'EOS 250D' });

describe('sameBurstPlace', () => {
  it('takes the same box, a small shift and a small change of size', () => {
    expect(sameBurstPlace(box, box)).toBe(true);
    expect(sameBurstPlace(box, { ...box, x: box.x + box.w * 0.2 })).toBe(true);
    expect(sameBurstPlace(box, { ...box, w: box.w * 1.2, h: box.h * 1.2 })).toBe(true);
  });

  it('refuses a shift past the threshold across or down, and a change of size past the ratio', () => {
    const shift = BURST_MAX_CENTRE_SHIFT * box.w;
    expect(sameBurstPlace(box, { ...box, x: box.x + shift * 0.95 })).toBe(true);
    expect(sameBurstPlace(box, { ...box, x: box.x + shift * 1.05 })).toBe(false);
    expect(sameBurstPlace(box, { ...box, y: box.y + BURST_MAX_CENTRE_SHIFT * box.h * 1.05 })).toBe(false);
    const grown = (factor: number) => ({
      x: box.x - (box.w * (factor - 1)) / 2,
      y: box.y - (box.h * (factor - 1)) / 2,
      w: box.w * factor,
      h: box.h * factor,
    });
    expect(sameBurstPlace(box, grown(BURST_MAX_SIZE_RATIO * 0.98))).toBe(true);
    expect(sameBurstPlace(box, grown(BURST_MAX_SIZE_RATIO * 1.02))).toBe(false);
    expect(sameBurstPlace(box, { ...box, h: box.h * 2 })).toBe(false);
  });
});

describe('findBursts', () => {
  it('joins photos of one camera at most BURST_GAP_SECONDS apart, in any input order', () => {
    const bursts = findBursts([
      canon('2026-06-12T10:00:04'),
      canon('2026-06-12T10:00:00'),
      canon(`2026-06-12T10:00:0${2}`),
      canon(`2026-06-12T10:00:${String(4 + BURST_GAP_SECONDS + 1).padStart(2, '0')}`),
    ]);
    expect(bursts.map((entry) => entry.burst)).toEqual([1, 1, 1, null]);
    expect(bursts.map((entry) => entry.previous)).toEqual([2, null, 1, null]);
  });

  it('keeps cameras apart (make and model) and leaves photos without a time or camera out', () => {
    const bursts = findBursts([
      canon('2026-06-12T10:00:00'),
      { takenAt: '2026-06-12T10:00:01', cameraMake: 'Apple', cameraModel: 'iPhone 13' },
      { takenAt: '2026-06-12T10:00:02', cameraMake: 'Apple', cameraModel: 'iPhone 15' },
      { takenAt: '2026-06-12T10:00:01', cameraMake: null, cameraModel: null },
      canon(null),
      canon('2026-06-12T10:00:03'),
    ]);
    expect(bursts.map((entry) => entry.burst)).toEqual([1, null, null, null, null, 1]);
    expect(bursts[5]!.previous).toBe(0);
  });

  it('keeps two cameras of one model apart by their serial numbers', () => {
    const phone = (takenAt: string, cameraSerial: string | null) => ({
      takenAt,
      cameraMake: 'Apple',
      cameraModel: 'iPhone 13',
      cameraSerial,
    });
    const bursts = findBursts([
      phone('2026-06-12T10:00:00', 'A1'),
      phone('2026-06-12T10:00:01', 'B2'),
      phone('2026-06-12T10:00:02', 'A1'),
    ]);
    expect(bursts.map((entry) => entry.burst)).toEqual([1, null, 1]);
    expect(bursts[2]!.previous).toBe(0);
  });

  it('reads times with an offset as the instants they are', () => {
    const bursts = findBursts([canon('2026-06-12T10:00:00+02:00'), canon('2026-06-12T08:00:01Z')]);
    expect(bursts.map((entry) => entry.burst)).toEqual([1, 1]);
  });
});

describe('rankPeople', () => {
  const person = (personId: number, name: string, className: string, inRoster = true): ReviewPerson => ({
    personId,
    name,
    className,
    externalKey: String(1000 + personId),
    inRoster,
  });
  const people = [
    person(1, 'Zoë Bakker', 'Groep 7'),
    person(2, 'Sem van ’t Hof', 'Groep 7'),
    person(3, 'Semih Yılmaz', 'Groep 5'),
    person(4, 'Bram Semmelink', 'Groep 7'),
    person(5, 'Zoe Bakker', 'Groep 3', false),
  ];
  const names = (query: string) => rankPeople(people, query).map((entry) => entry.personId);

  it('ignores accents and case, and puts the roster first', () => {
    expect(names('zoe')).toEqual([1, 5]);
    expect(names('ZOË')).toEqual([1, 5]);
    expect(names('yil')).toEqual([3]);
  });

  it('matches first names before surnames, a whole word before a prefix', () => {
    expect(names('sem')).toEqual([2, 3, 4]);
    expect(names('semi')).toEqual([3]);
  });

  it('narrows by surname and class; every typed word must match', () => {
    expect(names('sem hof')).toEqual([2]);
    expect(names('sem 5')).toEqual([3]);
    expect(names('groep 7 bra')).toEqual([4]);
    expect(names('zoe xyz')).toEqual([]);
    expect(names('')).toEqual([]);
    expect(names('1004')).toEqual([4]);
  });
});
