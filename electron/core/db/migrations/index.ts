// The ordered list of migrations. Append only: a released migration is never edited.
import { migration001 } from './001-initial';
import { migration003 } from './003-consent';
import type { Migration } from './types';

export type { Migration } from './types';

// Number 2 is the library's (built in parallel); until it is merged, an empty stand-in keeps the numbering.
const migration002Reserved: Migration = { version: 2, name: 'reserved', up: () => undefined };

export const migrations: readonly Migration[] = [migration001, migration002Reserved, migration003];
