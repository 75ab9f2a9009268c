// The fixed fixture engagement of the report plugins' golden tests (part of the plugin test harness, so
// every report plugin tests against the same engagement): the harness's four events plus
// sub-techniques, N/A outcomes, a multi-day span, non-ASCII text, characters that need escaping, a
// formula-looking cell, files with several locations, and another engagement that must never appear.
import type { PluginTestHarness } from '@steppingstones/core/plugins/testing';

/** Text that breaks careless HTML, Markdown and CSV (pipes, backticks, a script tag, non-ASCII). */
export const HOSTILE = "Pipe | and `tick` <script>alert('x')</script> in Zürich/東京";
/** A cell a spreadsheet would run as a formula unless the report defuses it. */
export const FORMULA = "=cmd|' /C calc'!A0";
/** The description of the other engagement's event: a report that shows it mixes engagements. */
export const OTHER_ENGAGEMENT_TEXT = 'OTHER ENGAGEMENT EVENT';

/**
 * Adds the fixture engagement's extra events (oldest first, between the harness's own) and the other
 * engagement `OTHER-1` with one event. Golden files depend on it: change it only with every plugin's
 * golden files regenerated and reviewed.
 */
export async function seedReportFixtures(h: PluginTestHarness): Promise<void> {
  await h.addEvent({
    timestamp: '2026-01-09T23:30:00Z',
    timestamp_end: '2026-01-10T01:15:00Z',
    source: { host: '45.33.32.156', user: 'op' },
    target: { host: 'WS042', user: 'alice' },
    mitre_attack_tactic: 'TA0001',
    mitre_attack_technique: 'T1566',
    mitre_attack_subtechnique: 'T1566.001',
    description: `Spear-phishing to the Zürich office. ${HOSTILE}\n  indented *stars* [link](x)\n\n\nafter a gap`,
    raw_evidence: 'From: a@b.example\n~~~\nSubject: Rechnung',
    outcome: FORMULA,
    detected: 'N/A',
    prevented: 'N/A',
    tags: ['phishing', 'Ünïcode tag'],
    files: [
      {
        filename: 'invoice.docm',
        size: 123456,
        md5: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        sha1: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
        sha256: 'cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc',
        description: 'Macro document | with <b>',
        location: '\\\\WS042\\C$\\Users\\alice\\Downloads\\invoice.docm',
      },
    ],
  });
  await h.addEvent({
    timestamp: '2026-01-12T07:45:00Z',
    source: { host: 'fd00::5', user: 'CORP\\svc_sql' },
    target: { host: 'DC01', user: 'CORP\\svc_sql' },
    mitre_attack_tactic: 'TA0006',
    mitre_attack_technique: 'T1003',
    description: 'LSASS dump with procdump',
    outcome: 'Hashes recovered',
    detected: 'FUL',
    prevented: 'FUL',
    tags: ['credential-access'],
    files: [
      {
        filename: 'svc.exe',
        size: 4096,
        md5: '0123456789abcdef0123456789abcdef',
        location: 'C:\\Windows\\Temp',
        removed: true,
      },
    ],
  });
  await h.addEvent({
    timestamp: '2026-01-13T16:20:00Z',
    source: { host: '2a00:1450:4009:81f::200e' },
    target: { host: 'WS042', user: 'alice', process: 'rundll32.exe' },
    mitre_attack_tactic: 'TA0011',
    mitre_attack_technique: 'T1071',
    mitre_attack_subtechnique: 'T1071.001',
    description: 'HTTPS beacon over the proxy',
    detected: 'NEG',
    prevented: 'FUL',
    tags: ['c2'],
  });
  await h.addEvent({
    timestamp: '2026-01-14T10:00:00Z',
    source: { host: 'cdn.münchen.de', user: '' },
    target: { host: 'WEB01' },
    mitre_attack_tactic: 'TA0011',
    mitre_attack_technique: 'T1071',
    mitre_attack_subtechnique: 'T1071.001',
    description: 'Fallback channel via a German CDN',
    detected: 'PAR',
    prevented: 'NEG',
  });
  await h.addEngagement('OTHER-1');
  await h.addEvent({
    engagement: 'OTHER-1',
    timestamp: '2026-01-10T10:00:00Z',
    source: { host: '9.9.9.9', user: 'other' },
    target: { host: 'OTHERHOST' },
    mitre_attack_tactic: 'TA0002',
    mitre_attack_technique: 'T1059',
    description: OTHER_ENGAGEMENT_TEXT,
    detected: 'FUL',
    prevented: 'FUL',
    tags: ['phishing'],
  });
}
