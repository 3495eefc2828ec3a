// Dutch name normalisation and matching of tagged names to people in the registry.
// A match is exact after normalisation (case, accents, spacing, tussenvoegsel position, "Last, First" forms,
// roepnaam or voornamen). Anything less is a suggestion a person must confirm: it never grants consent.

export { displayName } from './consent';

export interface PersonName {
  readonly id: number;
  readonly roepnaam?: string | null;
  readonly voornamen?: string | null;
  readonly tussenvoegsel?: string | null;
  readonly achternaam: string;
  readonly className?: string | null;
}

/** Tussenvoegsels as Dutch (and Flemish) administrations write them, longest first so "van der" wins over "van". */
const TUSSENVOEGSELS = [
  'van de',
  'van der',
  'van den',
  "van 't",
  'van het',
  "in 't",
  'in de',
  'in het',
  'op de',
  "op 't",
  'op den',
  'uit de',
  'uit den',
  "uit 't",
  'voor de',
  'voor den',
  "aan 't",
  'aan de',
  'aan den',
  'bij de',
  'onder de',
  'over de',
  'von der',
  'van',
  'de',
  'der',
  'den',
  'het',
  "'t",
  'ter',
  'ten',
  'te',
  'op',
  'in',
  'uit',
  'aan',
  'bij',
  "d'",
  'la',
  'le',
  'du',
  'von',
  'zu',
  'di',
  'da',
  'del',
  'della',
  'dos',
  'das',
  'do',
  'el',
  'al',
  'vd',
  'v.d.',
].sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length);

const TUSSENVOEGSEL_WORDS = new Set(TUSSENVOEGSELS.flatMap((entry) => entry.split(' ')));

/** Letters that Unicode does not decompose into a base letter plus accent. */
const LETTERS_WITHOUT_DECOMPOSITION: Readonly<Record<string, string>> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

/** Lower case, no accents, one kind of apostrophe and hyphen, single spaces, no spaces around hyphens. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıłøđßæœþ]/g, (letter) => LETTERS_WITHOUT_DECOMPOSITION[letter]!)
    .replace(/[\u2018\u2019\u201b\u0060\u00b4]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[^\p{L}\p{N}'\-,. ]+/gu, ' ')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

function words(text: string): string[] {
  return text.split(' ').filter(Boolean);
}

/** Splits leading tussenvoegsel words off a normalised surname part: "van 't hof" → ["van 't", "hof"]. */
function splitLeadingTussenvoegsel(part: string): [string, string] {
  const tokens = words(part);
  let count = 0;
  while (count < tokens.length - 1 && TUSSENVOEGSEL_WORDS.has(tokens[count]!)) count += 1;
  return [tokens.slice(0, count).join(' '), tokens.slice(count).join(' ')];
}

/** Splits trailing tussenvoegsel words off a normalised part: "sem van 't" → ["sem", "van 't"]. */
function splitTrailingTussenvoegsel(part: string): [string, string] {
  const tokens = words(part);
  let start = tokens.length;
  while (start > 1 && TUSSENVOEGSEL_WORDS.has(tokens[start - 1]!)) start -= 1;
  return [tokens.slice(0, start).join(' '), tokens.slice(start).join(' ')];
}

/**
 * A tagged name in the order "first tussenvoegsel last": "van 't Hof, Sem", "Hof, Sem van 't" and
 * "Hof van 't, Sem" all become "sem van 't hof".
 */
export function canonicalTagName(name: string): string {
  const normal = normaliseName(name);
  const comma = normal.indexOf(',');
  if (comma < 0) return normal.replace(/,/g, '');
  const surnamePart = normal.slice(0, comma).replace(/,/g, '').trim();
  const givenPart = normal
    .slice(comma + 1)
    .replace(/,/g, '')
    .trim();
  if (!givenPart) return surnamePart;
  const [given, trailingTv] = splitTrailingTussenvoegsel(givenPart);
  const [surnameWithoutTrailing, surnameTrailingTv] = splitTrailingTussenvoegsel(surnamePart);
  const [leadingTv, surname] = splitLeadingTussenvoegsel(surnameWithoutTrailing);
  const tussenvoegsel = [trailingTv, surnameTrailingTv, leadingTv].filter(Boolean).join(' ');
  return words(`${given} ${tussenvoegsel} ${surname}`).join(' ');
}

/** Every exact form under which a person may be tagged, normalised. */
export function personNameKeys(person: PersonName): string[] {
  const tussenvoegsel = normaliseName(person.tussenvoegsel ?? '');
  const surname = normaliseName(person.achternaam);
  const voornamen = normaliseName(person.voornamen ?? '');
  const givens = new Set<string>();
  const roepnaam = normaliseName(person.roepnaam ?? '');
  if (roepnaam) givens.add(roepnaam);
  if (voornamen) {
    givens.add(voornamen);
    givens.add(words(voornamen)[0]!);
  }
  const keys = new Set<string>();
  for (const given of givens) keys.add(words(`${given} ${tussenvoegsel} ${surname}`).join(' '));
  // Some administrations keep the tussenvoegsel inside the surname field already.
  if (!tussenvoegsel) {
    const [leading, rest] = splitLeadingTussenvoegsel(surname);
    if (leading) for (const given of givens) keys.add(words(`${given} ${leading} ${rest}`).join(' '));
  }
  return [...keys];
}

/** "Groep 7", "groep7", "klas 7" and "7" are the same class; "7A" and "7a" too. */
export function normaliseClassName(className: string): string {
  return normaliseName(className)
    .replace(/^(groep|klas|class|group|leerjaar)\s*/, '')
    .replace(/[\s-]+/g, '');
}

/** The class in a tag path: "People/Groep 7/Sem de Vries" → "Groep 7"; none when the path has no middle level. */
export function classHintFromTagPath(path: string, separator: '/' | '|' = '/'): string | null {
  const parts = path
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length < 3) return null;
  const candidate = parts[parts.length - 2]!;
  return /\d|groep|klas|class/i.test(candidate) ? candidate : null;
}

export interface MatchHints {
  /** The class named in the tag path, if any. */
  readonly classHint?: string | null;
  /** Classes of the people already recognised in this event. */
  readonly eventClasses?: readonly string[];
}

export interface NameSuggestion {
  readonly personId: number;
  /** 0..1, higher is closer. */
  readonly score: number;
}

export type NameMatch =
  | { readonly status: 'matched'; readonly personId: number; readonly resolvedBy: 'name' | 'class' | 'eventClass' }
  | { readonly status: 'ambiguous'; readonly candidates: readonly number[] }
  | { readonly status: 'unmatched'; readonly suggestions: readonly NameSuggestion[] };

/** Optimal string alignment distance (Levenshtein with transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = value;
    }
  }
  return d[rows * cols - 1]!;
}

const MAX_SUGGESTIONS = 5;
const SUGGESTION_THRESHOLD = 0.75;

/** Looks up tagged names among the people of the registry. Build once per registry state, match many times. */
export class NameIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly people = new Map<number, PersonName>();

  constructor(people: readonly PersonName[]) {
    for (const person of people) {
      this.people.set(person.id, person);
      for (const key of personNameKeys(person)) {
        const ids = this.byKey.get(key) ?? [];
        if (!ids.includes(person.id)) ids.push(person.id);
        this.byKey.set(key, ids);
      }
    }
  }

  /** `suggest: false` skips the (costly) search for close names when only the match itself is needed. */
  match(taggedName: string, hints: MatchHints = {}, options: { readonly suggest?: boolean } = {}): NameMatch {
    const key = canonicalTagName(taggedName);
    const candidates = key ? (this.byKey.get(key) ?? []) : [];
    if (candidates.length === 1) return { status: 'matched', personId: candidates[0]!, resolvedBy: 'name' };
    if (candidates.length > 1) {
      const byClass = (classes: readonly string[]) => {
        const wanted = new Set(classes.map(normaliseClassName).filter(Boolean));
        return candidates.filter((id) => {
          const className = this.people.get(id)?.className;
          return className ? wanted.has(normaliseClassName(className)) : false;
        });
      };
      if (hints.classHint) {
        const inClass = byClass([hints.classHint]);
        if (inClass.length === 1) return { status: 'matched', personId: inClass[0]!, resolvedBy: 'class' };
      }
      if (hints.eventClasses && hints.eventClasses.length > 0) {
        const inEvent = byClass(hints.eventClasses);
        if (inEvent.length === 1) return { status: 'matched', personId: inEvent[0]!, resolvedBy: 'eventClass' };
      }
      return { status: 'ambiguous', candidates: [...candidates] };
    }
    return { status: 'unmatched', suggestions: key && options.suggest !== false ? this.suggest(key) : [] };
  }

  /** People whose name is close to the tagged one: typos, a missing accent or letter, initials. */
  private suggest(key: string): NameSuggestion[] {
    const best = new Map<number, number>();
    const keyWords = words(key);
    for (const [candidateKey, ids] of this.byKey) {
      const distance = editDistance(key, candidateKey);
      let score = 1 - distance / Math.max(key.length, candidateKey.length);
      // "s. van 't hof" against "sem van 't hof": same surname, matching initial.
      const candidateWords = words(candidateKey);
      const initial = keyWords[0]?.replace(/\.$/, '');
      if (
        initial &&
        initial.length === 1 &&
        candidateWords[0]?.startsWith(initial) &&
        keyWords.slice(1).join(' ') === candidateWords.slice(1).join(' ')
      ) {
        score = Math.max(score, 0.85);
      }
      if (score < SUGGESTION_THRESHOLD) continue;
      for (const id of ids) best.set(id, Math.max(best.get(id) ?? 0, score));
    }
    return [...best.entries()]
      .map(([personId, score]) => ({ personId, score: Math.round(score * 1000) / 1000 }))
      .sort((a, b) => b.score - a.score || a.personId - b.personId)
      .slice(0, MAX_SUGGESTIONS);
  }
}
