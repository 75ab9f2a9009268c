import { builtInSuggestionRules, type CompiledRule, TEMPLATE_VAR } from './suggestion-rules.ts';

export interface Suggestion {
  tactic_id: string;
  technique_id: string | null;
  subtechnique_id: string | null;
  description: string | null;
  /** The rule id, so users and rule authors can see why it was suggested. */
  rule: string;
  tool: string;
  score: number;
}

export interface SuggestOptions {
  limit?: number;
  /** The event's current selection: an identical suggestion is dropped (nothing to apply). */
  current?: { tactic_id?: string | null; technique_id?: string | null; subtechnique_id?: string | null };
  rules?: CompiledRule[];
}

/** Text beyond this is not scanned: tool names and commands sit at the top of pasted output. */
export const SUGGEST_SCAN_LIMIT = 128 * 1024;

/**
 * Suggests ATT&CK ids and a description from tool and command patterns in the text (description and
 * raw evidence together). Ranked by rule weight, then by how many of a rule's patterns matched, then
 * by specificity and by where in the text the match was; one suggestion per distinct selection.
 */
export function suggest(text: string, opts: SuggestOptions = {}): Suggestion[] {
  const input = text.length > SUGGEST_SCAN_LIMIT ? text.slice(0, SUGGEST_SCAN_LIMIT) : text;
  if (!input.trim()) return [];
  const found: Array<Suggestion & { at: number }> = [];
  for (const rule of opts.rules ?? builtInSuggestionRules()) {
    let hits = 0;
    let at = Number.POSITIVE_INFINITY;
    const vars: Record<string, string> = {};
    for (const re of rule.regexes) {
      const m = re.exec(input);
      if (!m) continue;
      hits++;
      at = Math.min(at, m.index);
      for (const [k, v] of Object.entries(m.groups ?? {}))
        if (v && !(k in vars)) vars[k] = v.trim().slice(0, 100);
    }
    if (!hits) continue;
    const specificity = rule.subtechnique ? 2 : rule.technique ? 1 : 0;
    found.push({
      tactic_id: rule.tactic,
      technique_id: rule.technique ?? null,
      subtechnique_id: rule.subtechnique ?? null,
      description: rule.description ? render(rule.description, vars) : null,
      rule: rule.id,
      tool: rule.tool,
      score: rule.weight + 5 * (hits - 1) + specificity,
      at,
    });
  }
  found.sort((a, b) => b.score - a.score || a.at - b.at || a.rule.localeCompare(b.rule));
  const seen = new Set<string>();
  const cur = opts.current;
  const currentKey = cur
    ? key(cur.tactic_id ?? null, cur.technique_id ?? null, cur.subtechnique_id ?? null)
    : '';
  const out: Suggestion[] = [];
  for (const { at: _at, ...s } of found) {
    const k = key(s.tactic_id, s.technique_id, s.subtechnique_id);
    if (seen.has(k) || k === currentKey) continue;
    seen.add(k);
    out.push(s);
    if (out.length >= (opts.limit ?? 8)) break;
  }
  return out;
}

function key(tactic: string | null, technique: string | null, sub: string | null): string {
  return `${tactic ?? ''}|${technique ?? ''}|${sub ?? ''}`.toUpperCase();
}

function render(template: string, vars: Record<string, string>): string {
  return template
    .replace(TEMPLATE_VAR, (_m, name: string, fallback?: string) => vars[name] ?? fallback ?? '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
