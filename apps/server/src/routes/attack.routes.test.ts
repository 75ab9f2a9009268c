import { testDialects } from '@steppingstones/db/testing';
import type {
  AttackTacticDto,
  AttackTechniqueDetailDto,
  AttackTechniqueSummaryDto,
  SuggestionDto,
} from '@steppingstones/shared/attack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  anonymous,
  createTestEngagement,
  createTestUser,
  login,
  startTestServer,
  type TestServer,
} from '../testing/index.ts';

interface List<T> {
  count: number;
  results: T[];
}

describe.each(testDialects())('ATT&CK and suggestion API on %s', (dialect) => {
  let server: TestServer;
  let red: ApiClient;
  let blue: ApiClient;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    // ATT&CK is reference data, not engagement data: any member who may view events somewhere reads it.
    await createTestEngagement(server.ctx, 'ATT-1');
    await createTestUser(server.ctx, { username: 'red', role: 'operator', engagements: ['ATT-1'] });
    await createTestUser(server.ctx, { username: 'blue', role: 'blue-read-only', engagements: ['ATT-1'] });
    red = await login(server.url, 'red');
    blue = await login(server.url, 'blue');
  });
  afterAll(() => server?.stop());

  it('lists the 14 Enterprise tactics in matrix order with attack.mitre.org links', async () => {
    const res = await blue.get<List<AttackTacticDto>>('/api/v1/attack/tactics/');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(14);
    expect(res.body.results[0]).toMatchObject({ id: 'TA0043', shortname: 'reconnaissance', matrix_order: 1 });
    expect(res.body.results.at(-1)?.id).toBe('TA0040');
    expect(res.body.results.find((t) => t.id === 'TA0006')?.url).toBe(
      'https://attack.mitre.org/tactics/TA0006',
    );
  });

  it('lists the techniques of a tactic (by id or shortname), without sub-techniques, with search', async () => {
    const byId = await red.get<List<AttackTechniqueSummaryDto>>('/api/v1/attack/techniques/?tactic=TA0006');
    expect(byId.status).toBe(200);
    const ids = byId.body.results.map((t) => t.id);
    expect(ids).toContain('T1003');
    expect(ids).not.toContain('T1003.001');
    expect(ids).not.toContain('T1021');
    const byName = await red.get<List<AttackTechniqueSummaryDto>>(
      '/api/v1/attack/techniques/?tactic=credential-access',
    );
    expect(byName.body.count).toBe(byId.body.count);
    const search = await red.get<List<AttackTechniqueSummaryDto>>(
      '/api/v1/attack/techniques/?tactic=TA0006&search=kerberos',
    );
    expect(search.body.results.map((t) => t.id)).toEqual(['T1558']);
    const prefix = await red.get<List<AttackTechniqueSummaryDto>>(
      '/api/v1/attack/techniques/?search=t1558.00&subtechniques=true',
    );
    expect(prefix.body.results.map((t) => t.id)).toContain('T1558.003');
    const unknown = await red.get('/api/v1/attack/techniques/?tactic=TA9999');
    expect(unknown.status).toBe(404);
  });

  it('returns one technique with sub-techniques, mitigations and detection strategies', async () => {
    const res = await blue.get<AttackTechniqueDetailDto>('/api/v1/attack/techniques/t1003/');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'T1003',
      name: 'OS Credential Dumping',
      url: 'https://attack.mitre.org/techniques/T1003',
    });
    expect(res.body.tactics.map((t) => t.id)).toEqual(['TA0006']);
    expect(res.body.subtechniques.map((s) => s.id)).toContain('T1003.001');
    expect(res.body.mitigations.length).toBeGreaterThan(0);
    expect(res.body.detection_strategies[0]?.analytics.length).toBeGreaterThan(0);
    const sub = await blue.get<AttackTechniqueDetailDto>('/api/v1/attack/techniques/T1003.001/');
    expect(sub.body).toMatchObject({
      parent_id: 'T1003',
      url: 'https://attack.mitre.org/techniques/T1003/001',
    });
    const subs = await blue.get<List<AttackTechniqueSummaryDto>>(
      '/api/v1/attack/techniques/T1003/subtechniques/',
    );
    expect(subs.body.results.every((s) => s.parent_id === 'T1003')).toBe(true);
    expect((await blue.get('/api/v1/attack/techniques/T9999/')).status).toBe(404);
    expect((await blue.get('/api/v1/attack/techniques/nonsense/')).status).toBe(400);
  });

  it('says which release is loaded', async () => {
    const res = await blue.get<{ release: string; license: string }>('/api/v1/attack/release/');
    expect(res.body.release).toBe('18.1');
    expect(res.body.license).toContain('MITRE');
  });

  it('suggests ATT&CK ids and a description from the evidence, with names for the buttons', async () => {
    const res = await red.post<{ results: SuggestionDto[] }>('/api/v1/suggestions/', {
      description: '',
      raw_evidence: 'mimikatz # sekurlsa::logonpasswords\n * NTLM : 8846f7eaee8fb117ad06bdd830b7586c',
    });
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({
      tactic_id: 'TA0006',
      technique_id: 'T1003',
      subtechnique_id: 'T1003.001',
      label: 'Credential Access – OS Credential Dumping: LSASS Memory',
      rule: 'mimikatz-logonpasswords',
    });
    const same = await red.post<{ results: SuggestionDto[] }>('/api/v1/suggestions/', {
      raw_evidence: 'sekurlsa::logonpasswords',
      mitre_attack_tactic: 'TA0006',
      mitre_attack_technique: 'T1003',
      mitre_attack_subtechnique: 'T1003.001',
    });
    expect(same.body.results).toEqual([]);
  });

  it('needs a signed-in user, and event.add for suggestions', async () => {
    expect((await anonymous(server.url).get('/api/v1/attack/tactics/')).status).toBe(401);
    expect((await blue.post('/api/v1/suggestions/', { raw_evidence: 'nmap -sV x' })).status).toBe(403);
  });
});
