import { describe, expect, it } from 'vitest';
import {
  canonicalTagName,
  classHintFromTagPath,
  displayName,
  editDistance,
  NameIndex,
  normaliseClassName,
  type PersonName,
} from '../../shared/names';

const people: PersonName[] = [
  {
    id: 1,
    roepnaam: 'Sem',
    voornamen: 'Sem Johannes',
    tussenvoegsel: "van 't",
    achternaam: 'Hof',
    className: 'Groep 7',
  },
  { id: 2, roepnaam: 'Zoë', voornamen: 'Zoë Maria', tussenvoegsel: '', achternaam: 'Bakker', className: 'Groep 5' },
  { id: 3, roepnaam: 'Daniëlle', voornamen: 'Daniëlle', tussenvoegsel: 'de', achternaam: 'Groot', className: '8B' },
  {
    id: 4,
    roepnaam: 'Noor',
    voornamen: 'Noor',
    tussenvoegsel: '',
    achternaam: 'Jansen-de Vries',
    className: 'Groep 3',
  },
  {
    id: 5,
    roepnaam: 'Hans',
    voornamen: 'Johannes Petrus',
    tussenvoegsel: 'van der',
    achternaam: 'Berg',
    className: 'Groep 6',
  },
  { id: 6, roepnaam: 'Noah', voornamen: 'Noah', tussenvoegsel: '', achternaam: 'Jansen', className: 'Groep 4' },
  { id: 7, roepnaam: 'Noah', voornamen: 'Noah Pieter', tussenvoegsel: '', achternaam: 'Jansen', className: 'Groep 7' },
  { id: 8, roepnaam: 'Sem', voornamen: 'Sem', tussenvoegsel: 'de', achternaam: 'Vries', className: 'Groep 7' },
  { id: 9, roepnaam: 'Sem', voornamen: 'Sem', tussenvoegsel: 'de', achternaam: 'Vries', className: 'Groep 8' },
  { id: 10, roepnaam: 'Anouk', voornamen: 'Anouk', tussenvoegsel: 'in ’t', achternaam: 'Veld', className: '2A' },
  { id: 11, roepnaam: 'Fleur', voornamen: 'Fleur', tussenvoegsel: null, achternaam: 'van Dijk', className: '1C' },
  { id: 12, roepnaam: 'Bram', voornamen: 'Abraham', tussenvoegsel: 'ter', achternaam: 'Horst', className: null },
  { id: 13, roepnaam: 'Çelik', voornamen: 'Ayşe Çelik', tussenvoegsel: '', achternaam: 'Yılmaz', className: '3B' },
  { id: 14, roepnaam: 'Jan', voornamen: 'Jan', tussenvoegsel: 'van den', achternaam: 'Broek', className: null },
];

const index = new NameIndex(people);

// Tagged name → the person it must match exactly.
const exactPairs: Array<[string, number]> = [
  ["Sem van 't Hof", 1],
  ["van 't Hof, Sem", 1],
  ["Hof, Sem van 't", 1],
  ["Van 't Hof, Sem", 1],
  ["SEM VAN 'T HOF", 1],
  ['Sem van ’t Hof', 1],
  ["  Sem   van 't  Hof ", 1],
  ["Sem Johannes van 't Hof", 1],
  ["Hof van 't, Sem", 1],
  ['Zoë Bakker', 2],
  ['Zoe Bakker', 2],
  ['zoë bakker', 2],
  ['Bakker, Zoë', 2],
  ['Bakker, Zoe', 2],
  ['Zoë Maria Bakker', 2],
  ['Daniëlle de Groot', 3],
  ['Danielle de Groot', 3],
  ['de Groot, Daniëlle', 3],
  ['Groot, Daniëlle de', 3],
  ['DANIËLLE DE GROOT', 3],
  ['Daniëlle De Groot', 3],
  ['Noor Jansen-de Vries', 4],
  ['Noor Jansen - de Vries', 4],
  ['Jansen-de Vries, Noor', 4],
  ['noor jansen-De Vries', 4],
  ['Hans van der Berg', 5],
  ['Johannes van der Berg', 5],
  ['Johannes Petrus van der Berg', 5],
  ['van der Berg, Hans', 5],
  ['Berg, Hans van der', 5],
  ['Berg, Johannes Petrus van der', 5],
  ["Anouk in 't Veld", 10],
  ['Anouk in ’t Veld', 10],
  ["Veld, Anouk in 't", 10],
  ['Fleur van Dijk', 11],
  ['van Dijk, Fleur', 11],
  ['Dijk, Fleur van', 11],
  ['Bram ter Horst', 12],
  ['Abraham ter Horst', 12],
  ['Horst, Bram ter', 12],
  ['Ayse Yilmaz', 13],
  ['Çelik Yılmaz', 13],
  ['Jan van den Broek', 14],
  ['Broek, Jan van den', 14],
];

describe('name matching: exact after normalisation', () => {
  it.each(exactPairs)('"%s" is person %i', (tagged, personId) => {
    expect(index.match(tagged)).toEqual({ status: 'matched', personId, resolvedBy: 'name' });
  });

  it('has at least 40 name pairs', () => {
    expect(exactPairs.length).toBeGreaterThanOrEqual(40);
  });
});

describe('name matching: never a guess', () => {
  it.each([
    ['Sem van Hof'],
    ['Sem Hof'],
    ['Zoey Bakker'],
    ['Noor Jansen'],
    ['Noor de Vries'],
    ["S. van 't Hof"],
    ['Daniel de Groot'],
    ['Johannes Berg'],
    [''],
  ])('"%s" is not matched', (tagged) => {
    expect(index.match(tagged).status).toBe('unmatched');
  });

  it('offers close names as suggestions only', () => {
    const typo = index.match('Zoey Bakker');
    expect(typo.status).toBe('unmatched');
    expect(typo.status === 'unmatched' && typo.suggestions[0]?.personId).toBe(2);
    const initial = index.match("S. van 't Hof");
    expect(initial.status === 'unmatched' && initial.suggestions.map((s) => s.personId)).toContain(1);
    const nothing = index.match('Pietje Puk');
    expect(nothing).toEqual({ status: 'unmatched', suggestions: [] });
  });

  it('calls several people with the same name ambiguous', () => {
    expect(index.match('Noah Jansen')).toEqual({ status: 'ambiguous', candidates: [6, 7] });
    expect(index.match('Sem de Vries')).toEqual({ status: 'ambiguous', candidates: [8, 9] });
  });

  it('resolves an ambiguous name by the class in the tag path', () => {
    expect(index.match('Sem de Vries', { classHint: classHintFromTagPath('People/Groep 7/Sem de Vries') })).toEqual({
      status: 'matched',
      personId: 8,
      resolvedBy: 'class',
    });
    expect(index.match('Noah Jansen', { classHint: 'groep4' })).toMatchObject({ status: 'matched', personId: 6 });
    // A class that fits neither leaves it ambiguous.
    expect(index.match('Sem de Vries', { classHint: 'Groep 3' }).status).toBe('ambiguous');
  });

  it("resolves an ambiguous name by the event's classes", () => {
    expect(index.match('Noah Jansen', { eventClasses: ['Groep 7', 'Groep 8'] })).toEqual({
      status: 'matched',
      personId: 7,
      resolvedBy: 'eventClass',
    });
    expect(index.match('Sem de Vries', { eventClasses: ['Groep 7', 'Groep 8'] }).status).toBe('ambiguous');
  });
});

describe('name helpers', () => {
  it('puts tagged names in first–tussenvoegsel–last order', () => {
    expect(canonicalTagName("Hof, Sem van 't")).toBe("sem van 't hof");
    expect(canonicalTagName('Jansen-de Vries, Noor')).toBe('noor jansen-de vries');
  });

  it('reads the class from a tag path only when there is one', () => {
    expect(classHintFromTagPath('People/Groep 7/Sem de Vries')).toBe('Groep 7');
    expect(classHintFromTagPath('People|Klas 2A|Anouk', '|')).toBe('Klas 2A');
    expect(classHintFromTagPath('People/Sem de Vries')).toBeNull();
    expect(classHintFromTagPath('People/Familie/Sem de Vries')).toBeNull();
  });

  it('treats "Groep 7", "groep7" and "7" as one class', () => {
    expect(normaliseClassName('Groep 7')).toBe('7');
    expect(normaliseClassName('groep7')).toBe('7');
    expect(normaliseClassName('Klas 2A')).toBe('2a');
  });

  it('shows a person by roepnaam, tussenvoegsel and surname', () => {
    expect(displayName(people[0]!)).toBe("Sem van 't Hof");
    expect(displayName(people[10]!)).toBe('Fleur van Dijk');
  });

  it('counts edits with transpositions', () => {
    expect(editDistance('bakker', 'bakekr')).toBe(1);
    expect(editDistance('zoey', 'zoe')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
