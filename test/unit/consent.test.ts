import { describe, expect, it } from 'vitest';
import {
  ageOn,
  channelIdFromLabel,
  currentSchoolYear,
  displayName,
  isFormulaLike,
  isSchoolYearId,
  parseConsentValue,
  parseListDate,
  parseSigner,
  schoolYearBounds,
  schoolYearOf,
} from '../../shared/consent';
import { channelForHeader, proposeMapping } from '../../shared/consentImport';

const CHANNELS = [
  { id: 'schoolgids', labelNl: 'Schoolgids en brochure', labelEn: 'School guide and brochure', retiredAt: null },
  { id: 'website', labelNl: 'Website van de school', labelEn: 'School website', retiredAt: null },
  { id: 'social', labelNl: 'Sociale media van de school', labelEn: 'School social media', retiredAt: null },
  { id: 'newsletter', labelNl: 'Nieuwsbrief', labelEn: 'Newsletter', retiredAt: null },
  { id: 'parent_app', labelNl: 'Ouderapp / ouderportaal', labelEn: 'Parent app / parent portal', retiredAt: null },
  { id: 'jaarboek', labelNl: 'Jaarboek', labelEn: 'Yearbook', retiredAt: null },
];

describe('school years', () => {
  it('run 1 August to 31 July', () => {
    expect(schoolYearOf('2026-08-01')).toBe('2026-2027');
    expect(schoolYearOf('2027-07-31')).toBe('2026-2027');
    expect(schoolYearOf('2026-07-31')).toBe('2025-2026');
    expect(schoolYearOf('2027-08-01')).toBe('2027-2028');
    expect(schoolYearOf('2027-01-15')).toBe('2026-2027');
    expect(schoolYearBounds('2026-2027')).toEqual({ startsOn: '2026-08-01', endsOn: '2027-07-31' });
  });

  it('follow from today, and only well-formed ids count', () => {
    expect(currentSchoolYear(new Date(2026, 10, 21))).toBe('2026-2027');
    expect(currentSchoolYear(new Date(2027, 6, 31, 23, 59))).toBe('2026-2027');
    expect(currentSchoolYear(new Date(2027, 7, 1, 0, 1))).toBe('2027-2028');
    expect(isSchoolYearId('2026-2027')).toBe(true);
    expect(isSchoolYearId('2026-2028')).toBe(false);
    expect(isSchoolYearId('26-27')).toBe(false);
    expect(() => schoolYearBounds('2026/2027')).toThrow(RangeError);
  });
});

describe('list values', () => {
  it('reads every Dutch and English spelling in any case and spacing', () => {
    for (const value of [
      'ja',
      'JA',
      ' Ja ',
      'j',
      'wel',
      'Wel  toestemming',
      'x',
      'X',
      '✓',
      '✔',
      '1',
      'true',
      'TRUE',
      'yes',
      'Y',
    ])
      expect(parseConsentValue(value), value).toBe('granted');
    for (const value of [
      'nee',
      'NEE',
      'n',
      'niet',
      'geen toestemming',
      'Geen Toestemming',
      '✗',
      '✘',
      '0',
      'false',
      'no',
      'No',
    ])
      expect(parseConsentValue(value), value).toBe('refused');
  });

  it('reads an empty cell as not returned, which is not consent', () => {
    expect(parseConsentValue('')).toBe('not_returned');
    expect(parseConsentValue('   ')).toBe('not_returned');
    expect(parseConsentValue('\u00a0')).toBe('not_returned');
  });

  it('never guesses an unknown value', () => {
    for (const value of ['misschien', 'ja?', 'jaa', 'ja/nee', '2', 'ok', '=1', 'ja, niet op facebook'])
      expect(parseConsentValue(value), value).toBeNull();
  });

  it('recognises formula-like cells, not phone numbers', () => {
    expect(isFormulaLike('=HYPERLINK("http://x","Smit")')).toBe(true);
    expect(isFormulaLike('+SUM(A1:A2)')).toBe(true);
    expect(isFormulaLike('@cmd')).toBe(true);
    expect(isFormulaLike("-2+3+cmd|' /C calc'!A0")).toBe(true);
    expect(isFormulaLike('-5')).toBe(false);
    expect(isFormulaLike('-')).toBe(false);
    expect(isFormulaLike('+31 6 12345678')).toBe(false);
    expect(isFormulaLike('Smit')).toBe(false);
  });

  it('reads signers and dates as Dutch lists write them, and refuses what it cannot be sure of', () => {
    expect(parseSigner('Ouder/verzorger')).toBe('parent');
    expect(parseSigner('moeder')).toBe('parent');
    expect(parseSigner('Voogd')).toBe('guardian');
    expect(parseSigner('leerling')).toBe('self');
    expect(parseSigner('oma')).toBeNull();
    expect(parseListDate('14-03-2012')).toBe('2012-03-14');
    expect(parseListDate('4/3/2012')).toBe('2012-03-04');
    expect(parseListDate('14.03.2012')).toBe('2012-03-14');
    expect(parseListDate('2012-03-14')).toBe('2012-03-14');
    expect(parseListDate('31-02-2012')).toBeNull();
    expect(parseListDate('14-03-12')).toBeNull();
    expect(parseListDate('maart 2012')).toBeNull();
  });

  it('counts age in whole years on the signing date', () => {
    expect(ageOn('2010-09-01', '2026-08-31')).toBe(15);
    expect(ageOn('2010-09-01', '2026-09-01')).toBe(16);
    expect(ageOn('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
  });
});

describe('column mapping proposal', () => {
  it('finds the header row below title rows and maps the usual Dutch labels and channel columns', () => {
    const rows = [
      ['Toestemming beeldmateriaal 2026-2027', '', ''],
      [],
      [
        'Leerlingnummer',
        'Voornaam',
        'Tussenvoegsel',
        'Achternaam',
        'Groep',
        'Geboortedatum',
        'Beeldmateriaal website',
        'Gebruik beeldmateriaal op social media',
        "Foto's nieuwsbrief",
        'Schoolgids',
        'Ouderapp',
        'Jaarboek 2027',
        'Opmerkingen',
      ],
      ['1001', 'Zoë', '', 'Bakker', '5B', '01-12-2014', 'ja', 'ja', 'ja', 'ja', 'ja', 'ja', ''],
    ];
    const mapping = proposeMapping(rows, CHANNELS);
    expect(mapping).toEqual({
      headerRow: 3,
      personKind: 'pupil',
      fields: {
        studentNumber: 'Leerlingnummer',
        roepnaam: 'Voornaam',
        tussenvoegsel: 'Tussenvoegsel',
        achternaam: 'Achternaam',
        className: 'Groep',
        birthDate: 'Geboortedatum',
      },
      channels: {
        'Beeldmateriaal website': 'website',
        'Gebruik beeldmateriaal op social media': 'social',
        "Foto's nieuwsbrief": 'newsletter',
        Schoolgids: 'schoolgids',
        Ouderapp: 'parent_app',
        'Jaarboek 2027': 'jaarboek',
      },
    });
  });

  it('takes Voornaam as voornamen when there is a Roepnaam, and proposes staff for a staff list', () => {
    const mapping = proposeMapping(
      [['Personeelsnummer', 'E-mailadres', 'Roepnaam', 'Voornaam', 'Achternaam', 'Toestemming website']],
      CHANNELS,
    );
    expect(mapping.personKind).toBe('staff');
    expect(mapping.fields).toMatchObject({
      roepnaam: 'Roepnaam',
      voornamen: 'Voornaam',
      staffNumber: 'Personeelsnummer',
      email: 'E-mailadres',
    });
  });

  it('leaves a header that names two channels unmapped', () => {
    expect(channelForHeader('Website en nieuwsbrief', CHANNELS)).toBeNull();
    expect(channelForHeader('Foto op Instagram', CHANNELS)).toBe('social');
    expect(channelForHeader('Opmerkingen', CHANNELS)).toBeNull();
    expect(channelForHeader('Social Schools (ouderapp)', CHANNELS)).toBe('parent_app');
    expect(channelForHeader('Toestemming foto’s', CHANNELS)).toBeNull();
  });

  it('makes channel ids and display names', () => {
    expect(channelIdFromLabel('Jaarboek 2027 (druk)')).toBe('jaarboek-2027-druk');
    expect(channelIdFromLabel('Schoolkrant Één')).toBe('schoolkrant-een');
    expect(
      displayName({ roepnaam: 'Sem', voornamen: 'Sem Johannes', tussenvoegsel: "van 't", achternaam: 'Hof' }),
    ).toBe("Sem van 't Hof");
    expect(displayName({ roepnaam: null, voornamen: 'Zoë Anna', tussenvoegsel: null, achternaam: 'Bakker' })).toBe(
      'Zoë Bakker',
    );
  });
});
