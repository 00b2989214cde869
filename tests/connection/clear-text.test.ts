import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { clearTextWarning, isLoopbackHost, resolveNeo4j } from '../../src/graph/connection.ts';

describe('clear-text Neo4j connections', () => {
  it('warns for bolt:// and neo4j:// to another host, naming the host and the encrypted schemes', () => {
    const w = clearTextWarning('bolt://graph.example.org:7687');
    expect(w).toMatch(/^warning: NEO4J_URI bolt:\/\/graph\.example\.org is not encrypted: the password .* in clear/);
    expect(w).toMatch(/bolt\+s:\/\//);
    expect(clearTextWarning('neo4j://10.1.2.3')).toMatch(/neo4j:\/\/10\.1\.2\.3 is not encrypted.*neo4j\+s:\/\//);
    expect(clearTextWarning('bolt://[2001:db8::1]:7687')).toMatch(/\[2001:db8::1\] is not encrypted/);
  });

  it('is quiet for encrypted schemes and for this machine', () => {
    for (const uri of ['bolt+s://graph.example.org:7687', 'neo4j+ssc://graph.example.org', 'bolt://localhost:7687', 'bolt://127.0.0.1:7687', 'neo4j://127.8.9.10', 'bolt://[::1]:7687', 'bolt://db.localhost']) {
      expect(clearTextWarning(uri), uri).toBeNull();
    }
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.example.org')).toBe(false);
  });

  it('resolveNeo4j prints the warning before connecting, even with no log given', async () => {
    const warnings: string[] = [];
    const fakeDriver = { close: async () => {} } as unknown as Driver;
    const connected: string[] = [];
    const neo = await resolveNeo4j({
      env: { NEO4J_URI: 'bolt://graph.example.org:7687', NEO4J_PASSWORD: 'secret-not-shown-42' },
      warn: (line) => warnings.push(line),
      connect: async (uri) => {
        connected.push(uri);
        expect(warnings).toHaveLength(1);
        return fakeDriver;
      },
    });
    await neo.release();
    expect(connected).toEqual(['bolt://graph.example.org:7687']);
    expect(warnings[0]).toMatch(/not encrypted/);
    expect(warnings[0]).not.toContain('secret-not-shown-42');

    warnings.length = 0;
    await (await resolveNeo4j({ env: { NEO4J_URI: 'bolt+s://graph.example.org', NEO4J_PASSWORD: 'x' }, warn: (l) => warnings.push(l), connect: async () => fakeDriver })).release();
    expect(warnings).toEqual([]);
  });
});
