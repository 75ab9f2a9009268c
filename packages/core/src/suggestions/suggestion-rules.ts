import fs from 'node:fs';
import { z } from 'zod';
import { formatPath } from '../attack/attack-condensed.parser.ts';

/** `{{name}}` or `{{name|default}}` in a description template. */
export const TEMPLATE_VAR = /\{\{\s*([A-Za-z_]\w*)\s*(?:\|([^}]*))?\}\}/g;

const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case id'),
    tool: z.string().min(1),
    patterns: z.array(z.string().min(1)).min(1),
    tactic: z.string().regex(/^TA\d{4}$/),
    technique: z
      .string()
      .regex(/^T\d{4}$/)
      .optional(),
    subtechnique: z
      .string()
      .regex(/^T\d{4}\.\d{3}$/)
      .optional(),
    description: z.string().max(1000).optional(),
    weight: z.number().int().min(0).max(100).default(50),
  })
  .superRefine((rule, ctx) => {
    if (rule.subtechnique && (!rule.technique || !rule.subtechnique.startsWith(`${rule.technique}.`))) {
      ctx.addIssue({
        code: 'custom',
        path: ['subtechnique'],
        message: 'must be a sub-technique of technique',
      });
    }
    rule.patterns.forEach((source, i) => {
      let re: RegExp;
      try {
        re = new RegExp(source, 'im');
      } catch (e) {
        ctx.addIssue({
          code: 'custom',
          path: ['patterns', i],
          message: `invalid regex: ${(e as Error).message}`,
        });
        return;
      }
      // Every variable without a default must be captured by every pattern (any one may be the match).
      for (const m of (rule.description ?? '').matchAll(TEMPLATE_VAR)) {
        if (m[2] === undefined && !re.source.includes(`(?<${m[1]}>`)) {
          ctx.addIssue({
            code: 'custom',
            path: ['patterns', i],
            message: `does not capture {{${m[1]}}} (add a group or a default)`,
          });
        }
      }
    });
  });

export const suggestionRulesSchema = z.object({
  version: z.literal(1),
  rules: z.array(ruleSchema).superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate rule id ${r.id}` });
      seen.add(r.id);
    });
  }),
});

export type SuggestionRule = z.output<typeof ruleSchema>;

export interface CompiledRule extends SuggestionRule {
  regexes: RegExp[];
}

/** Validates a rule file's JSON; errors name the rule path (`rules[12].patterns[0]`). */
export function compileSuggestionRules(json: unknown): CompiledRule[] {
  const parsed = suggestionRulesSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${formatPath(['rules', ...i.path.slice(1)])}: ${i.message}`,
    );
    throw new Error(`Invalid suggestion rules: ${problems.slice(0, 10).join('; ')}`);
  }
  return parsed.data.rules.map((r) => ({ ...r, regexes: r.patterns.map((p) => new RegExp(p, 'im')) }));
}

const RULES_FILE = new URL('./rules.json', import.meta.url);
let builtIn: CompiledRule[] | undefined;

/** The rules shipped in rules.json (read and validated once per process, on first use). */
export function builtInSuggestionRules(): CompiledRule[] {
  builtIn ??= compileSuggestionRules(JSON.parse(fs.readFileSync(RULES_FILE, 'utf8')));
  return builtIn;
}
