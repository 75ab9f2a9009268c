export { contextColour, contextText, toContextDto } from './context.mapper.ts';
export {
  type ContextListOptions,
  contextValues,
  countEventsUsingContext,
  getContext,
  listContexts,
} from './context.queries.ts';
export { type ContextUpdateResult, getOrCreateContext, updateContext } from './context.service.ts';
