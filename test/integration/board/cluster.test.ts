// The throwaway cluster itself: it starts on a loopback port, answers with a password, and is gone afterwards.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresMissing, startTestCluster } from '../../helpers/postgres';

const missing = postgresMissing();
if (missing) console.warn(missing);

describe.skipIf(missing !== null)('test PostgreSQL cluster', () => {
  it('starts on 127.0.0.1, takes the password, refuses a wrong one, and is removed on stop', async () => {
    const cluster = await startTestCluster();
    try {
      expect(cluster.url).toMatch(/^postgres:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/postgres$/);
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      const { rows } = await client.query<{ v: string; addr: string }>(
        "SELECT current_setting('server_version_num') AS v, inet_server_addr()::text AS addr",
      );
      await client.end();
      expect(Number(rows[0]?.v)).toBeGreaterThanOrEqual(150000);
      expect(rows[0]?.addr).toBe('127.0.0.1/32');
      const wrong = new pg.Client({ connectionString: cluster.urlFor('postgres', 'wrong') });
      await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
      expect(existsSync(cluster.dir)).toBe(true);
    } finally {
      cluster.stop();
    }
    const after = new pg.Client({ connectionString: cluster.url, connectionTimeoutMillis: 3000 });
    await expect(after.connect()).rejects.toThrow();
    expect(existsSync(cluster.dir)).toBe(false);
  });
});
