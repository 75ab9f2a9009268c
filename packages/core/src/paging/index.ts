export { decodeOffsetCursor, encodeOffsetCursor, offsetPage, type Page } from './offset-page.ts';
