import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AttackCatalogue {
  tactics: Array<{ id: string; shortname: string }>;
  /** Techniques (no sub-techniques) by tactic id, each with its sub-technique ids. */
  techniquesByTactic: Map<string, Array<{ id: string; subtechniques: string[] }>>;
}

interface VendoredAttack {
  tactics: Array<{ id: string; shortname: string }>;
  techniques: Array<{ id: string; parent: string | null; tactics: string[] }>;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The vendored ATT&CK file: the project's copy, else the shared one this repository was built from. */
export function attackDataFile(): string {
  const candidates = [
    path.join(ROOT, 'packages/core/src/attack/data/attack-enterprise.json'),
    path.resolve(ROOT, '../shared/data/attack-enterprise.json'),
  ];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`No ATT&CK data file found (looked at ${candidates.join(', ')})`);
  return found;
}

const loaded = new Map<string, AttackCatalogue>();

export function loadAttack(file = attackDataFile()): AttackCatalogue {
  const cached = loaded.get(file);
  if (cached) return cached;
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as VendoredAttack;
  const tacticByShortname = new Map(data.tactics.map((t) => [t.shortname, t.id]));
  const subs = new Map<string, string[]>();
  for (const t of data.techniques) {
    if (t.parent) subs.set(t.parent, [...(subs.get(t.parent) ?? []), t.id]);
  }
  const techniquesByTactic = new Map<string, Array<{ id: string; subtechniques: string[] }>>();
  for (const t of data.techniques) {
    if (t.parent) continue;
    for (const shortname of t.tactics) {
      const tacticId = tacticByShortname.get(shortname);
      if (!tacticId) continue;
      const list = techniquesByTactic.get(tacticId) ?? [];
      list.push({ id: t.id, subtechniques: subs.get(t.id) ?? [] });
      techniquesByTactic.set(tacticId, list);
    }
  }
  for (const list of techniquesByTactic.values()) list.sort((a, b) => a.id.localeCompare(b.id));
  const catalogue = {
    tactics: data.tactics.map((t) => ({ id: t.id, shortname: t.shortname })),
    techniquesByTactic,
  };
  loaded.set(file, catalogue);
  return catalogue;
}
