// The caption check: names with tussenvoegsels and accents in any case, rare first names only, class plus name,
// student numbers, e-mail addresses and Dutch phone numbers — and captions that name nobody stay clean.
import { describe, expect, it } from 'vitest';
import {
  CaptionIndex,
  checkCaption,
  dutchPhoneDigits,
  type CaptionPerson,
  type CaptionRule,
} from '../../shared/captionCheck';

let nextId = 1;
function person(
  roepnaam: string,
  tussenvoegsel: string | null,
  achternaam: string,
  className: string | null = null,
  externalKey: string | null = null,
): CaptionPerson {
  return { id: nextId++, roepnaam, voornamen: null, tussenvoegsel, achternaam, className, externalKey };
}

const zoe = person('Zoë', null, 'Bakker', '5B', '1001');
const sem = person('Sem', "van 't", 'Hof', 'Groep 7', '1002');
const danielle = person('Daniëlle', 'de', 'Groot', 'Groep 7', '1005');
const noah1 = person('Noah', null, 'Jansen', 'Groep 3', '1003');
const noah2 = person('Noah', null, 'Jansen', 'Groep 6', '1004');
const xiomara = person('Xiomara', 'van der', 'Berg', 'Groep 8', '1010');
const storm = person('Storm', 'de', 'Wit', 'Groep 4', '1011');
const anneFleur = person('Anne-Fleur', 'van der', 'Linden-Smit', '5B', '1012');
const sam = person('Sam', null, 'Peters', '5B', '1013');
const jolijn = [1, 2, 3].map((n) => person('Jolijn', null, `Achternaam${n}`, 'Groep 1', `20${n}0`));
const juf = { ...person('Wouter', null, 'Maas', null, 'w.maas@school.nl') };

const index = new CaptionIndex([zoe, sem, danielle, noah1, noah2, xiomara, storm, anneFleur, sam, ...jolijn, juf]);

function found(text: string): Array<{ rule: CaptionRule; text: string; personIds: readonly number[] }> {
  return checkCaption(text, index).map(({ rule, text: span, personIds }) => ({ rule, text: span, personIds }));
}

describe('caption check: full names', () => {
  it.each([
    ['Zoë Bakker won de estafette!', 'Zoë Bakker', zoe.id],
    ['zoe BAKKER won', 'zoe BAKKER', zoe.id],
    ['Het record van ZOË bakker’s groep', 'ZOË bakker’s', zoe.id],
    ["Sem van 't Hof sprong het verst", "Sem van 't Hof", sem.id],
    ['Sem van ’t Hof sprong', 'Sem van ’t Hof', sem.id],
    ["SEM VAN 'T HOF", "SEM VAN 'T HOF", sem.id],
    ['Sem Hof sprong', 'Sem Hof', sem.id],
    ['Danielle de groot zong', 'Danielle de groot', danielle.id],
    ['Daniëlle De Groot zong', 'Daniëlle De Groot', danielle.id],
    ['Xiomara Van Der Berg tekende', 'Xiomara Van Der Berg', xiomara.id],
    ['Anne-Fleur van der Linden-Smit las voor', 'Anne-Fleur van der Linden-Smit', anneFleur.id],
  ])('%s', (caption, span, id) => {
    expect(found(caption)).toEqual([{ rule: 'caption.fullName', text: span, personIds: [id] }]);
  });

  it('names both people who share a full name', () => {
    expect(found('Noah Jansen scoorde')).toEqual([
      { rule: 'caption.fullName', text: 'Noah Jansen', personIds: [noah1.id, noah2.id] },
    ]);
  });
});

describe('caption check: first names alone', () => {
  it('flags a first name that is rare in the school and not a common Dutch given name', () => {
    expect(found('Xiomara scoorde twee keer')).toEqual([
      { rule: 'caption.firstName', text: 'Xiomara', personIds: [xiomara.id] },
    ]);
    expect(found('Goed gedaan, Storm!')).toEqual([{ rule: 'caption.firstName', text: 'Storm', personIds: [storm.id] }]);
  });

  it('leaves common given names, names many pupils share, and lower-case words alone', () => {
    expect(found('Zoë en Noah scoorden, Sem ook')).toEqual([]);
    expect(found('Jolijn won')).toEqual([]); // three pupils are called Jolijn
    expect(found('Er stond een flinke storm op het veld')).toEqual([]);
  });
});

describe('caption check: class plus name', () => {
  it.each([
    ['Sam uit 5B won de prijs', 'Sam uit 5B'],
    ['Sam (5B) won', 'Sam (5B'],
    ['Knap gedaan door Noah van groep 6', 'Noah van groep 6'],
    ['5B: Sam was de snelste', '5B: Sam'],
    ['Zoë, 5B, rende', 'Zoë, 5B'],
  ])('%s', (caption, span) => {
    expect(
      found(caption)
        .filter((f) => f.rule === 'caption.classAndName')
        .map((f) => f.text),
    ).toEqual([span]);
  });

  it('leaves a class without a name alone', () => {
    expect(found('Vandaag in groep 7 een mooie sportdag, met klas 5B')).toEqual([]);
  });
});

describe('caption check: numbers and addresses', () => {
  it('flags student numbers of the registry and labelled numbers', () => {
    expect(found('Winnaar: 1001')).toEqual([{ rule: 'caption.studentNumber', text: '1001', personIds: [zoe.id] }]);
    expect(found('leerlingnummer 99999 mag naar voren')).toEqual([
      { rule: 'caption.studentNumber', text: 'leerlingnummer 99999', personIds: [] },
    ]);
    expect(found('Om 2026 uur? Nee, 15:00')).toEqual([]);
  });

  it('flags e-mail addresses, with the person whose name is in it', () => {
    expect(found('Vragen? Mail zoe.bakker@gmail.com of w.maas@school.nl.')).toEqual([
      { rule: 'caption.email', text: 'zoe.bakker@gmail.com', personIds: [zoe.id] },
      { rule: 'caption.email', text: 'w.maas@school.nl', personIds: [] },
    ]);
  });

  it.each([
    '06-12345678',
    '06 1234 5678',
    '06 12 34 56 78',
    '+31 6 12345678',
    '+31 (0)6-12345678',
    '0031612345678',
    '+31612345678',
    '020-1234567',
    '(020) 123 45 67',
    '010 123 4567',
    '0800-1234',
  ])('flags the Dutch phone number %s', (phone) => {
    expect(found(`Bel ${phone} voor foto's`)).toEqual([{ rule: 'caption.phone', text: phone, personIds: [] }]);
  });

  it.each(['schooljaar 2026-2027', 'op 01-10-2026 om 08.30', 'score 12345678', '+44 20 7946 0958'])(
    'does not take %s for a Dutch phone number',
    (text) => {
      expect(found(text)).toEqual([]);
    },
  );

  it('reads each written form as the ten digits dialled from the Netherlands', () => {
    expect(dutchPhoneDigits('+31 (0)6-12345678')).toBe('0612345678');
    expect(dutchPhoneDigits('0031 20 123 4567')).toBe('0201234567');
    expect(dutchPhoneDigits('12345678')).toBeNull();
  });
});

describe('caption check: a whole caption', () => {
  it('finds each problem with its rule and place, in text order', () => {
    const caption = 'Sportdag! Xiomara van der Berg (groep 8) won. Info: 06-12345678';
    const findings = checkCaption(caption, index);
    expect(findings.map((f) => [f.rule, f.text])).toEqual([
      ['caption.fullName', 'Xiomara van der Berg'],
      ['caption.classAndName', 'Berg (groep 8'],
      ['caption.phone', '06-12345678'],
    ]);
    for (const finding of findings) expect(caption.slice(finding.start, finding.end)).toBe(finding.text);
  });

  it('passes a caption that names nobody', () => {
    expect(found('Wat een mooie sportdag met alle groepen! Dank aan de ouders die hielpen.')).toEqual([]);
  });
});
