export { SUGGEST_SCAN_LIMIT, type Suggestion, type SuggestOptions, suggest } from './suggest.ts';
export {
  builtInSuggestionRules,
  type CompiledRule,
  compileSuggestionRules,
  type SuggestionRule,
  suggestionRulesSchema,
} from './suggestion-rules.ts';
export { type NamedSuggestion, suggestForEvent } from './suggestions.queries.ts';
