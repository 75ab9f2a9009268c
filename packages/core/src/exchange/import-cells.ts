import { hasControlCharacter } from '@steppingstones/shared/control-characters';
import type { FileInput } from '@steppingstones/shared/events';
import { FILE_KEYS, STARRED_LABELS } from './event-columns.ts';

/** A cell an import can not read; its message names the column, so the row's reason says where. */
export class CellError extends Error {
  constructor(column: string, message: string) {
    super(`${column}: ${message}`);
  }
}

/** The first column whose cell holds a control character (NUL, C0 but tab/CR/LF), or null. */
export function controlCharacterColumn(record: Record<string, string>): string | null {
  for (const [column, cell] of Object.entries(record)) if (hasControlCharacter(cell)) return column;
  return null;
}

/** The Tags cell: a JSON array as exported, or names separated by commas as a person types them. */
export function tagsOf(cell: string): string[] {
  if (!cell) return [];
  if (cell.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(cell);
    } catch (error) {
      throw new CellError('Tags', `is not a JSON array of names (${(error as Error).message})`);
    }
    if (Array.isArray(parsed)) return parsed.map(String);
  }
  return cell
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

const YES = new Set([STARRED_LABELS.yes.toLowerCase(), 'true', '1']);
const NO = new Set([STARRED_LABELS.no.toLowerCase(), 'false', '0', '']);

/** A yes/no cell: Yes or No as exported (also true/false, 1/0, any case); empty is no. */
export function yesNoOf(column: string, cell: string): boolean {
  const value = cell.trim().toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  throw new CellError(column, `"${cell}" is neither ${STARRED_LABELS.yes} nor ${STARRED_LABELS.no}`);
}

/** The Starred cell; empty is not starred. */
export const starredOf = (cell: string): boolean => yesNoOf('Starred', cell);

const KNOWN_KEYS = new Set<string>(FILE_KEYS);

/**
 * The Files cell: the export's JSON array of `{filename, size, md5, sha1, sha256, description,
 * location, removed}`. The values are checked by the event schema afterwards (as the API checks them);
 * here only the shape. Refused: a key the export does not write (a file id would point into another
 * engagement) and an entry without a name (it could be neither found nor created). Masks are the
 * import's business when it writes (`import-masked.ts`).
 */
export function filesOf(cell: string): FileInput[] {
  if (!cell.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch (error) {
    throw new CellError('Files', `is not a JSON array of files (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed))
    throw new CellError('Files', 'must be a JSON array of files ([{"filename": …}])');
  return parsed.map((entry: unknown, i) => {
    const where = `file ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new CellError('Files', `${where} is not an object`);
    const unknown = Object.keys(entry).filter((k) => !KNOWN_KEYS.has(k));
    if (unknown.length)
      throw new CellError(
        'Files',
        `${where} has the unknown key(s) ${unknown.join(', ')}; expected ${FILE_KEYS.join(', ')}`,
      );
    const file = entry as Record<string, unknown>;
    if (typeof file.filename !== 'string' || !file.filename.trim())
      throw new CellError('Files', `${where} needs a filename`);
    return file as FileInput;
  });
}
