// The rules of the turning-16 and renewal lists: birthdays (29 February too), the 30-day window, school years
// (1 August – 31 July) and the last signed form, and why a pupil is on a renewal list.
import { describe, expect, it } from 'vitest';
import { addDays, ageOn, birthdayAt, sixteenthBirthday } from '../../shared/consent';
import { renewalReason, turningSixteenWhen } from '../../shared/consentLists';

describe('the 16th birthday', () => {
  it('is the day ageOn first says 16 — for a 29 February birthday too', () => {
    expect(sixteenthBirthday('2010-09-10')).toBe('2026-09-10');
    // 2012 + 16 = 2028, a leap year: the birthday itself.
    expect(sixteenthBirthday('2012-02-29')).toBe('2028-02-29');
    // 2084 + 16 = 2100, not a leap year: 1 March, as ageOn counts it.
    expect(sixteenthBirthday('2084-02-29')).toBe('2100-03-01');
    expect(birthdayAt('2012-02-29', 1)).toBe('2013-03-01');
    for (const birth of ['2010-09-10', '2012-02-29', '2084-02-29', '2011-12-31']) {
      const day = sixteenthBirthday(birth);
      expect(ageOn(birth, day), birth).toBe(16);
      expect(ageOn(birth, addDays(day, -1)), birth).toBe(15);
    }
  });

  it('counts days across months, years and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
    expect(addDays('2026-08-01', -1)).toBe('2026-07-31');
  });
});

describe('the turning-16 list', () => {
  it('holds pupils turning 16 within the window, also when the birthday falls in the next school year', () => {
    // 20 July 2027 (school year 2026-2027); turns 16 on 5 August 2027 (school year 2027-2028): 16 days ahead.
    expect(turningSixteenWhen('2011-08-05', '2026-09-01', '2027-07-20')).toBe('soon');
    expect(turningSixteenWhen('2011-08-05', '2026-09-01', '2027-07-20', 10)).toBeNull();
    // Exactly 30 days ahead is in; 31 is not.
    expect(turningSixteenWhen('2010-10-01', null, '2026-09-01')).toBe('soon');
    expect(turningSixteenWhen('2010-10-02', null, '2026-09-01')).toBeNull();
  });

  it('holds pupils who turned 16 after their last signed form, whichever school year that form was for', () => {
    // Form signed in September 2026 (2026-2027), 16 in March 2027, asked in September 2027 (2027-2028): on the list.
    expect(turningSixteenWhen('2011-03-01', '2026-09-01', '2027-09-10')).toBe('turned');
    // The pupil signed a new form themself after the birthday: off the list.
    expect(turningSixteenWhen('2011-03-01', '2027-09-05', '2027-09-10')).toBeNull();
    // On the birthday itself they are 16: a form from the day before is a child's form.
    expect(turningSixteenWhen('2010-09-15', '2026-09-14', '2026-09-15')).toBe('turned');
    expect(turningSixteenWhen('2010-09-15', '2026-09-15', '2026-09-15')).toBeNull();
  });

  it('without any form: only those who turned 16 in the current school year', () => {
    expect(turningSixteenWhen('2010-08-01', null, '2026-09-15')).toBe('turned'); // 16 on 1 August 2026
    expect(turningSixteenWhen('2010-07-31', null, '2026-09-15')).toBeNull(); // 16 in the previous school year
  });

  it('handles a 29 February birthday in a year without one', () => {
    // Born 29 February 2084: 16 on 1 March 2100. On 28 February 2100 that is one day ahead.
    expect(turningSixteenWhen('2084-02-29', '2099-09-01', '2100-02-28', 1)).toBe('soon');
    expect(turningSixteenWhen('2084-02-29', '2099-09-01', '2100-02-28', 0)).toBeNull();
    expect(turningSixteenWhen('2084-02-29', '2099-09-01', '2100-03-01')).toBe('turned');
    // Born 29 February 2012: 16 on 29 February 2028.
    expect(turningSixteenWhen('2012-02-29', '2027-09-01', '2028-02-28', 1)).toBe('soon');
    expect(turningSixteenWhen('2012-02-29', '2027-09-01', '2028-02-29')).toBe('turned');
  });
});

describe('the renewal reason', () => {
  it('says who has no form, who refused everything and who withdrew', () => {
    expect(renewalReason(['none', 'none'])).toBe('noForm');
    expect(renewalReason(['not_returned', 'none'])).toBe('noForm');
    expect(renewalReason(['refused', 'refused'])).toBe('refusedAll');
    expect(renewalReason(['refused', 'not_returned'])).toBe('refusedAll');
    expect(renewalReason(['granted', 'withdrawn'])).toBe('withdrew');
    expect(renewalReason(['refused', 'granted'])).toBeNull();
    expect(renewalReason(['granted', 'none'])).toBeNull();
  });
});
