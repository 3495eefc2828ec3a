// The check of a post's caption ("Citeer geen collega's of leerlingen"): what in the text identifies a person of the
// school — full names from the registry, rare first names, class plus name ("Sam uit 5B"), student numbers,
// e-mail addresses, Dutch phone numbers. Pure: the caller gives the registry; each finding names its rule.
import { COMMON_GIVEN_NAMES } from './givenNames';
import { normaliseClassName, normaliseName } from './names';

export type CaptionRule =
  | 'caption.fullName'
  | 'caption.firstName'
  | 'caption.classAndName'
  | 'caption.studentNumber'
  | 'caption.email'
  | 'caption.phone';

export const CAPTION_RULES: readonly CaptionRule[] = [
  'caption.fullName',
  'caption.firstName',
  'caption.classAndName',
  'caption.studentNumber',
  'caption.email',
  'caption.phone',
];

export interface CaptionPerson {
  readonly id: number;
  readonly roepnaam: string | null;
  readonly voornamen: string | null;
  readonly tussenvoegsel: string | null;
  readonly achternaam: string;
  readonly className: string | null;
  /** Student number (pupils), staff number or e-mail (staff). */
  readonly externalKey: string | null;
}

export interface CaptionFinding {
  readonly rule: CaptionRule;
  /** Where in the caption, as UTF-16 offsets (start inclusive, end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The registry people the finding points at (none for an e-mail address or phone number of nobody known). */
  readonly personIds: readonly number[];
}

/** A first name alone is flagged when at most this many people of the school have it (and it is not common). */
export const RARE_FIRST_NAME_MAX = 2;

interface Token {
  readonly start: number;
  readonly end: number;
  /** Normalised forms: the word, and without a possessive ("Zoë's", "Sems"). */
  readonly forms: readonly string[];
  readonly capitalised: boolean;
}

const WORD = /['’][tT]\b|[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = normaliseName(match[0]);
    if (word === '') continue;
    const forms = new Set([word]);
    if (/'s$/.test(word)) forms.add(word.slice(0, -2));
    else if (/[^s]s$/.test(word) && word.length > 3) forms.add(word.slice(0, -1));
    tokens.push({
      start: match.index,
      end: match.index + match[0].length,
      forms: [...forms],
      capitalised: /^\p{Lu}/u.test(match[0]),
    });
  }
  return tokens;
}

function firstNameOf(person: CaptionPerson): string {
  return normaliseName(person.roepnaam ?? '') || (normaliseName(person.voornamen ?? '').split(' ')[0] ?? '');
}

/** The registry prepared for many checks: the word sequences of every full name, first names and their counts. */
export class CaptionIndex {
  /** Full-name word sequences → people, keyed by their first word. */
  private readonly fullNames = new Map<string, Array<{ words: readonly string[]; ids: number[] }>>();
  private readonly firstNames = new Map<string, number[]>();
  private readonly nameWords = new Map<string, Set<number>>();
  private readonly numbers = new Map<string, number[]>();
  private readonly classes = new Set<string>();

  constructor(people: readonly CaptionPerson[]) {
    for (const person of people) {
      const surname = normaliseName(person.achternaam);
      if (surname === '') continue;
      const tussenvoegsel = normaliseName(person.tussenvoegsel ?? '');
      const givens = new Set([firstNameOf(person), normaliseName(person.voornamen ?? '')].filter(Boolean));
      for (const given of givens) {
        // "Sem van 't Hof", and "Sem Hof" (people drop the tussenvoegsel in passing).
        for (const full of [`${given} ${tussenvoegsel} ${surname}`, `${given} ${surname}`]) {
          this.addFullName(full.split(' ').filter(Boolean), person.id);
        }
      }
      const first = firstNameOf(person);
      if (first) {
        this.firstNames.set(first, [...(this.firstNames.get(first) ?? []), person.id]);
        this.addNameWord(first, person.id);
      }
      this.addNameWord(surname, person.id);
      const key = person.externalKey?.trim();
      if (key && /^\d{3,}$/.test(key)) this.numbers.set(key, [...(this.numbers.get(key) ?? []), person.id]);
      if (person.className) this.classes.add(normaliseClassName(person.className));
    }
  }

  private addFullName(words: readonly string[], id: number): void {
    if (words.length < 2) return;
    const list = this.fullNames.get(words[0]!) ?? [];
    const existing = list.find((entry) => entry.words.join(' ') === words.join(' '));
    if (existing) {
      if (!existing.ids.includes(id)) existing.ids.push(id);
    } else list.push({ words, ids: [id] });
    this.fullNames.set(words[0]!, list);
  }

  private addNameWord(word: string, id: number): void {
    const ids = this.nameWords.get(word) ?? new Set<number>();
    ids.add(id);
    this.nameWords.set(word, ids);
  }

  /** Whether a first name alone identifies: rare in this school and not a common Dutch given name. */
  firstNameIdentifies(name: string): boolean {
    const normal = normaliseName(name);
    const holders = this.firstNames.get(normal)?.length ?? 0;
    return holders > 0 && holders <= RARE_FIRST_NAME_MAX && !COMMON_GIVEN_NAMES.has(normal) && normal.length >= 3;
  }

  /** Registry people with a full name that starts at token `at`: the longest match wins. */
  fullNameAt(tokens: readonly Token[], at: number): { length: number; ids: readonly number[] } | null {
    let best: { length: number; ids: readonly number[] } | null = null;
    for (const form of tokens[at]!.forms) {
      for (const entry of this.fullNames.get(form) ?? []) {
        const fits = entry.words.every((word, i) => {
          const token = tokens[at + i];
          if (!token) return false;
          // Only the last word may carry a possessive ("Sem van 't Hofs").
          return i === entry.words.length - 1 ? token.forms.includes(word) : token.forms[0] === word;
        });
        if (fits && (best === null || entry.words.length > best.length))
          best = { length: entry.words.length, ids: entry.ids };
      }
    }
    return best;
  }

  nameWordIds(token: Token): readonly number[] {
    for (const form of token.forms) {
      const ids = this.nameWords.get(form);
      if (ids) return [...ids];
    }
    return [];
  }

  firstNameIds(token: Token): readonly number[] | null {
    for (const form of token.forms) if (this.firstNameIdentifies(form)) return this.firstNames.get(form)!;
    return null;
  }

  numberIds(digits: string): readonly number[] {
    return this.numbers.get(digits) ?? [];
  }

  isClass(text: string): boolean {
    return this.classes.has(normaliseClassName(text));
  }
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** A run that may be a phone number: starts with +, 00 or 0 (or "(0"), digits with spaces, dashes, dots, brackets. */
const PHONE = /(?<![\p{L}\p{N}])(?:\+|\(?0)[\d\s().-]{6,18}\d(?![\p{L}\p{N}])/gu;
/** A class: "groep 7", "klas 2b", "class 5", or a code like "5B", "3havo", "2v1". */
const CLASS = String.raw`(?:(?:[Gg]roep|[Kk]las|[Cc]lass|[Gg]roup|[Ll]eerjaar)\s*\d{1,2}\s?[a-zA-Z]{0,2}|\d{1,2}[a-zA-Z]{1,4}\d?)`;
const NAME = String.raw`\p{Lu}[\p{L}\p{M}'’-]+`;
const LINK = String.raw`(?:\s*,\s*|\s*\(\s*|\s+(?:uit|van|in|bij|from|of|at)\s+(?:de\s+|het\s+|the\s+)?)`;
const NAME_THEN_CLASS = new RegExp(`(?<![\\p{L}])(${NAME})${LINK}(${CLASS})(?![\\p{L}\\p{N}])`, 'gu');
const CLASS_THEN_NAME = new RegExp(`(?<![\\p{L}\\p{N}])(${CLASS})\\s*[:–-]\\s*(${NAME})`, 'gu');
const STUDENT_NUMBER_LABEL =
  /\b(?:leerling(?:en)?nummer|leerlingnr|ll-?nr|student\s*(?:number|no|nr|id))\.?\s*:?\s*\d{3,}/giu;

/** A Dutch phone number in any of its written forms, as its ten digits from 0 ("0612345678"); null when not one. */
export function dutchPhoneDigits(text: string): string | null {
  let digits = text.replace(/\D/g, '');
  const international = text.trim().startsWith('+') || digits.startsWith('0031');
  if (digits.startsWith('0031')) digits = digits.slice(4);
  else if (international && digits.startsWith('31')) digits = digits.slice(2);
  else if (international) return null;
  if (international && !digits.startsWith('0')) digits = `0${digits}`;
  // "+31 (0)6 …": the (0) is written but not dialled.
  if (international && digits.startsWith('00')) digits = digits.slice(1);
  if (/^0[1-9]\d{8}$/.test(digits)) return digits;
  if (/^0(?:800|900|906|909)\d{4,7}$/.test(digits)) return digits;
  return null;
}

/** Everything in the caption that identifies someone, in text order. */
export function checkCaption(text: string, index: CaptionIndex): CaptionFinding[] {
  const findings: CaptionFinding[] = [];
  const add = (rule: CaptionRule, start: number, end: number, personIds: readonly number[]): void => {
    findings.push({ rule, start, end, text: text.slice(start, end), personIds: [...new Set(personIds)] });
  };

  const tokens = tokenise(text);
  for (let i = 0; i < tokens.length; i += 1) {
    const full = index.fullNameAt(tokens, i);
    if (full) {
      add('caption.fullName', tokens[i]!.start, tokens[i + full.length - 1]!.end, full.ids);
      i += full.length - 1;
      continue;
    }
    const token = tokens[i]!;
    const rare = token.capitalised ? index.firstNameIds(token) : null;
    if (rare) add('caption.firstName', token.start, token.end, rare);
    const digits = text.slice(token.start, token.end);
    if (/^\d+$/.test(digits) && index.numberIds(digits).length > 0)
      add('caption.studentNumber', token.start, token.end, index.numberIds(digits));
  }

  for (const pattern of [NAME_THEN_CLASS, CLASS_THEN_NAME]) {
    for (const match of text.matchAll(pattern)) {
      const nameFirst = pattern === NAME_THEN_CLASS;
      const name = nameFirst ? match[1]! : match[2]!;
      const className = nameFirst ? match[2]! : match[1]!;
      const nameToken = tokenise(name)[0];
      const ids = nameToken ? index.nameWordIds(nameToken) : [];
      // A name of someone in the registry next to a class ("Sam uit 5B"): even a common first name then points at
      // one child. A capitalised word that is nobody's name ("Vandaag in groep 7") is not flagged.
      if (ids.length > 0 && (index.isClass(className) || /\d/.test(className)))
        add('caption.classAndName', match.index, match.index + match[0].length, ids);
    }
  }

  for (const match of text.matchAll(STUDENT_NUMBER_LABEL)) {
    add(
      'caption.studentNumber',
      match.index,
      match.index + match[0].length,
      index.numberIds(match[0].replace(/\D/g, '')),
    );
  }
  for (const match of text.matchAll(EMAIL)) add('caption.email', match.index, match.index + match[0].length, []);
  for (const match of text.matchAll(PHONE)) {
    const raw = match[0].trimEnd();
    if (dutchPhoneDigits(raw) !== null) add('caption.phone', match.index, match.index + raw.length, []);
  }

  // One finding per span and rule; a name inside an e-mail address is that address (which then points at them).
  const inside = (outer: CaptionFinding, inner: CaptionFinding): boolean =>
    outer !== inner && outer.start <= inner.start && inner.end <= outer.end;
  const emails = findings.filter((finding) => finding.rule === 'caption.email');
  const seen = new Set<string>();
  return findings
    .filter((finding) => {
      const key = `${finding.rule}:${finding.start}:${finding.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return finding.rule === 'caption.email' || !emails.some((email) => inside(email, finding));
    })
    .map((finding) =>
      finding.rule === 'caption.email'
        ? {
            ...finding,
            personIds: [
              ...new Set(findings.filter((other) => inside(finding, other)).flatMap((other) => other.personIds)),
            ],
          }
        : finding,
    )
    .sort((a, b) => a.start - b.start || a.end - b.end);
}
