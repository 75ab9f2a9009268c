// Markdown "Detection Advice" (reference §2.5). ATT&CK v18 replaced the free-text detection advice the
// original printed with detection strategies and their analytics, so the advice is built from those,
// plus the mitigations, for the tactic → technique → sub-technique tree of the filtered events.
import { type AttackTechniqueDetail, eventReport, type ReportEvent, z } from '@steppingstones/plugin-sdk';
import { md } from './report-text.ts';

const paramsSchema = z.object({
  includeMitigations: z.boolean().default(true).describe('List MITRE mitigations after the detection advice'),
});

/** ATT&CK text to Markdown: citations removed, `<code>` as backticks, everything else escaped. */
export function attackText(text: string): string {
  const noCitations = text.replace(/\(Citation:[^)]*\)/g, '').trim();
  return noCitations
    .split(/<code>\s*(.*?)\s*<\/code>/s)
    .map((part, i) => (i % 2 ? `\`${part.replace(/`/g, '')}\`` : withLinks(part)))
    .join('');
}

/** Escapes text but keeps MITRE's `[text](https://…)` links working. */
function withLinks(text: string): string {
  return text
    .split(/(\[[^\]\n]+\]\(https?:\/\/[^)\s]+\))/)
    .map((part, i) => {
      const link = i % 2 ? /^\[([^\]]+)\]\((.+)\)$/.exec(part) : null;
      return link ? `[${md(link[1] ?? '')}](${link[2]})` : md(part);
    })
    .join('');
}

interface Branch {
  technique: { mitreId: string; name: string };
  subtechniques: Map<string, string>;
  /** Events on the technique without a sub-technique. */
  direct: boolean;
}

function tree(events: ReportEvent[]): Map<string, Map<string, Branch>> {
  const byTactic = new Map<string, Map<string, Branch>>();
  for (const e of events) {
    if (!e.tactic || !e.technique) continue;
    const techniques = byTactic.get(e.tactic.mitreId) ?? new Map<string, Branch>();
    byTactic.set(e.tactic.mitreId, techniques);
    const branch = techniques.get(e.technique.mitreId) ?? {
      technique: e.technique,
      subtechniques: new Map<string, string>(),
      direct: false,
    };
    techniques.set(e.technique.mitreId, branch);
    if (e.subtechnique) branch.subtechniques.set(e.subtechnique.mitreId, e.subtechnique.name);
    else branch.direct = true;
  }
  return byTactic;
}

function advice(t: AttackTechniqueDetail | null, includeMitigations: boolean): string[] {
  if (!t) return ['*No ATT&CK data is available for this technique.*'];
  const out: string[] = [];
  if (t.detectionStrategies.length === 0 && t.detection.trim()) out.push(attackText(t.detection));
  for (const s of t.detectionStrategies) {
    out.push(`*Detection strategy ${s.mitreId}: ${md(s.name)}*`);
    out.push(
      s.analytics
        .map(
          (a) =>
            `* ${a.platforms.length ? `**${md(a.platforms.join(', '))}**: ` : ''}${attackText(a.description)}`,
        )
        .join('\n'),
    );
  }
  if (out.length === 0) out.push('*MITRE gives no detection advice for this technique.*');
  if (includeMitigations && t.mitigations.length) {
    out.push('*Mitigations:*');
    // The first paragraph only: MITRE's generic texts run to pages of nested lists.
    const summary = (text: string) =>
      attackText((text.trim().split(/\n/)[0] ?? '').replace(/\s*[^.:]*:$/, ''));
    out.push(
      t.mitigations.map((m) => `* **${m.mitreId} ${md(m.name)}**: ${summary(m.description)}`).join('\n'),
    );
  }
  return out;
}

export const markdownDetectionAdvice = eventReport({
  key: 'markdown-detection-advice',
  title: 'Detection Advice',
  category: 'Markdown',
  icon: 'shield',
  description: 'MITRE ATT&CK detection strategies, analytics and mitigations for the techniques used.',
  requires: ['report.view'],
  output: 'markdown',
  paramsSchema,
  async render(ctx) {
    const byTactic = tree(await ctx.events.list());
    const out = ['The following detection advice is provided by MITRE ATT&CK for the techniques used:', ''];
    const cache = new Map<string, Promise<AttackTechniqueDetail | null>>();
    const detail = (id: string) => {
      const hit = cache.get(id) ?? ctx.attack.techniqueDetail(id);
      cache.set(id, hit);
      return hit;
    };
    const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
      a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id);
    for (const tactic of await ctx.attack.tactics()) {
      const techniques = byTactic.get(tactic.mitreId);
      if (!techniques) continue;
      out.push(`# ${tactic.mitreId} ${md(tactic.name)}`, '');
      const sorted = [...techniques.values()].sort((a, b) =>
        byName({ ...a.technique, id: a.technique.mitreId }, { ...b.technique, id: b.technique.mitreId }),
      );
      for (const branch of sorted) {
        const { technique } = branch;
        out.push(`## ${technique.mitreId} ${md(technique.name)}`, '');
        const subs = [...branch.subtechniques].map(([id, name]) => ({ id, name })).sort(byName);
        if (branch.direct || subs.length === 0) {
          if (subs.length) out.push(`**${technique.mitreId} ${md(technique.name)}**`, '');
          for (const p of advice(await detail(technique.mitreId), ctx.params.includeMitigations))
            out.push(p, '');
        }
        for (const sub of subs) {
          out.push(`**${sub.id} ${md(sub.name)}**`, '');
          for (const p of advice(await detail(sub.id), ctx.params.includeMitigations)) out.push(p, '');
        }
      }
    }
    if (byTactic.size === 0) out.push('*No filtered event has an ATT&CK tactic and technique.*', '');
    return {
      kind: 'markdown',
      markdown: out.join('\n'),
      filename: `${ctx.engagement.code}-detection-advice`,
    };
  },
});
