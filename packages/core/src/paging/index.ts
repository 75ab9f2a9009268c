export { collectKept, filteredOffsetPage } from './filtered-page.ts';
export {
  countUpToCap,
  type KeyedRow,
  keysetLinks,
  rowKey,
  type SortKeys,
  walkKeyset,
} from './keyset.ts';
export { decodeOffsetCursor, encodeOffsetCursor, offsetPage, type Page } from './offset-page.ts';
