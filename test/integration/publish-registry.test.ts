import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type CoreContext } from '../../electron/core/context';
import { currentPeopleDirectory as currentRegistry } from '../../electron/core/people';
import { useTempDirs } from '../helpers/tempDir';

const tempDir = useTempDirs();
const cores: CoreContext[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

describe('the registry used for matching', () => {
  it('is built once and built again when people are added or changed', async () => {
    const core = openCore({ dataDir: tempDir() });
    cores.push(core);
    const insert = core.db.prepare(
      "INSERT INTO people (kind, external_key, roepnaam, achternaam, created_at, updated_at) VALUES ('pupil', ?, ?, ?, ?, ?)",
    );
    insert.run('1', 'Zoë', 'Bakker', '2026-09-01T08:00:00Z', '2026-09-01T08:00:00Z');
    const first = currentRegistry(core.db);
    expect(currentRegistry(core.db)).toBe(first);
    expect(first.index.match('Sem van Hof').status).toBe('unmatched');

    insert.run('2', 'Sem', 'van Hof', '2026-09-02T08:00:00Z', '2026-09-02T08:00:00Z');
    const second = currentRegistry(core.db);
    expect(second).not.toBe(first);
    expect(second.index.match('Sem van Hof')).toMatchObject({ status: 'matched' });

    core.db
      .prepare("UPDATE people SET roepnaam = 'Zoey', updated_at = '2026-09-03T08:00:00Z' WHERE external_key = '1'")
      .run();
    expect(currentRegistry(core.db).index.match('Zoey Bakker')).toMatchObject({ status: 'matched' });
  });
});
