// The ordered list of migrations. Append only: a released migration is never edited.
import { migration001 } from './001-initial';
import { migration002 } from './002-consent';
import { migration003 } from './003-photo-review';
import { migration004 } from './004-pseudonyms';
import { migration005 } from './005-picks';
import { migration006 } from './006-event-review';
import { migration007 } from './007-protected-people';
import { migration008 } from './008-decision-statuses';
import { migration009 } from './009-videos';
import { migration010 } from './010-video-tracks';
import { migration011 } from './011-board-snapshot';
import type { Migration } from './types';

export type { Migration } from './types';

export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
];
