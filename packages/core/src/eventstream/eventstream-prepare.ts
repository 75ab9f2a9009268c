import type { CredentialFinding } from '../extraction/credential-finding.ts';
import { lineFindings } from './eventstream-findings.ts';
import { checkEventStreamLine, type EventStreamValues } from './eventstream-format.ts';
import { lineHash } from './eventstream-hash.ts';
import type { ReadLine } from './line-reader.ts';

/** A line ready to write: its values, its identity and what the credential extractors found in it. */
export interface PreparedLine {
  line: number;
  values: EventStreamValues;
  hash: string;
  /** Absent when the import does not feed the extractors. */
  findings?: CredentialFinding[];
}

export type Prepared = PreparedLine | { line: number; reason: string } | null;

/**
 * Everything an import does to one line before the database: parse, check, identity and extraction
 * (the CPU-bound part, which a large import runs in a thread beside its writes). Blank lines give null.
 */
export function prepareLine(read: ReadLine, maxLineBytes: number, extract: boolean): Prepared {
  if ('tooLong' in read)
    return {
      line: read.line,
      reason: `the line is ${read.bytes} bytes long; the most a line may hold is ${maxLineBytes} bytes`,
    };
  if (read.text.trim() === '') return null;
  const checked = checkEventStreamLine(read.text);
  if ('reason' in checked) return { line: read.line, reason: checked.reason };
  const v = checked.values;
  const prepared: PreparedLine = { line: read.line, values: v, hash: lineHash(v) };
  if (extract) prepared.findings = lineFindings(v);
  return prepared;
}
