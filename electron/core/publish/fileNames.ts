// Names of exported files: they must never carry a person's name.
import { normaliseName } from '../../../shared/names';
import type { PeopleDirectory } from '../people';

/**
 * The base of output file names: the event's name when it names no one ("sportdag-2026"), else "export".
 * File names must never carry a person's name.
 */
export function exportFileStem(eventName: string | null, directory: PeopleDirectory): string {
  const slug = normaliseName(eventName ?? '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  if (!slug) return 'export';
  const tokens = new Set(slug.split('-'));
  for (const person of directory.people.values()) {
    const parts = [person.roepnaam, ...(person.voornamen ?? '').split(' '), ...person.achternaam.split(/[\s-]+/)];
    if (parts.some((part) => part && part.length >= 3 && tokens.has(normaliseName(part)))) return 'export';
  }
  return slug;
}

/** The n-th output file of an export (1-based): a photo (.jpg) or a clip (.mp4), numbered in one series. */
export function outputName(stem: string, index: number, kind: 'photo' | 'clip' = 'photo'): string {
  return `${stem}_${String(index).padStart(4, '0')}.${kind === 'clip' ? 'mp4' : 'jpg'}`;
}

/** Whether a file name is one an export with this stem writes. */
export function isOutputOf(stem: string, name: string): boolean {
  return name.startsWith(`${stem}_`) && /^\d{4}\.(jpg|mp4)$/.test(name.slice(stem.length + 1));
}
