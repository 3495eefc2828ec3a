// The key of a region that the board's region_links know it by: the same region of the same photo (its content
// hash) on any workstation gets the same key — where it came from, its name and its box to 1/10,000 of the image.
import { createHash } from 'node:crypto';

export interface KeyedRegion {
  readonly source: string;
  readonly namespace: string;
  readonly name: string;
  readonly x: number | null;
  readonly y: number | null;
  readonly w: number | null;
  readonly h: number | null;
}

export function regionLinkKey(region: Readonly<KeyedRegion>): string {
  const box = [region.x, region.y, region.w, region.h].map((v) => (v === null ? '-' : v.toFixed(4))).join(',');
  const digest = createHash('sha256').update(`${region.namespace}\u0000${region.name}\u0000${box}`).digest('hex');
  return `${region.source}:${digest.slice(0, 32)}`;
}
