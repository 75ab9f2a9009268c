import { z } from 'zod';
import { isTimestampInRange, TIMESTAMP_RANGE_MESSAGE } from './dates.ts';
import { pageQueryShape } from './pagination.ts';

/** Detected? codes in dropdown order, with the original's labels and colours (Mantine colour names). */
export const DETECTED_CHOICES = [
  { code: 'N/A', label: 'Not Applicable', colour: null },
  { code: 'UNK', label: 'Unknown', colour: 'gray' },
  { code: 'NEG', label: 'No Trace', colour: 'red' },
  { code: 'PAR', label: 'Event Recorded', colour: 'yellow' },
  { code: 'FUL', label: 'Alert Raised', colour: 'green' },
] as const;

export const PREVENTED_CHOICES = [
  { code: 'N/A', label: 'Not Applicable', colour: null },
  { code: 'NEG', label: 'Not Prevented', colour: 'red' },
  { code: 'PAR', label: 'Manual Intervention', colour: 'yellow' },
  { code: 'FUL', label: 'Blocked as Standard', colour: 'green' },
] as const;

export const detectedCode = z.enum(['N/A', 'UNK', 'NEG', 'PAR', 'FUL'], {
  message: 'must be one of N/A, UNK, NEG, PAR, FUL',
});
export const preventedCode = z.enum(['N/A', 'NEG', 'PAR', 'FUL'], {
  message: 'must be one of N/A, NEG, PAR, FUL',
});
export type DetectedCode = z.infer<typeof detectedCode>;
export type PreventedCode = z.infer<typeof preventedCode>;

export const END_BEFORE_START_MESSAGE = 'Timestamp End can not be before Timestamp';
export const CONTEXT_EMPTY_MESSAGE = 'A context must have at least one of host, user or process';

const ISO_TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * ISO-8601 → epoch ms, or null if it is not a real instant. A time without an offset is UTC (as the
 * original's API under JWT and EventStream). Seconds and milliseconds are kept.
 */
export function parseIsoTimestamp(value: string): number | null {
  const m = ISO_TIMESTAMP.exec(value.trim());
  if (!m) return null;
  let text = value.trim().replace(' ', 'T');
  if (text.length === 10) text += 'T00:00:00Z';
  else if (!m[1]) text += 'Z';
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls 2026-02-30 over to March; refuse dates that do not exist.
  const day = new Date(ms + offsetMs(m[1])).toISOString().slice(0, 10);
  return day === text.slice(0, 10) ? ms : null;
}

function offsetMs(offset: string | undefined): number {
  if (!offset || offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

export const isoTimestamp = z.string().superRefine((v, ctx) => {
  const ms = parseIsoTimestamp(v);
  if (ms === null)
    ctx.addIssue({ code: 'custom', message: 'must be an ISO-8601 date and time, e.g. 2026-01-31T14:02:00Z' });
  else if (!isTimestampInRange(ms)) ctx.addIssue({ code: 'custom', message: TIMESTAMP_RANGE_MESSAGE });
});

const contextPart = z.string().trim().max(100, 'must be at most 100 characters').default('');

export const contextInputSchema = z
  .object({
    host: contextPart.describe('Host name or address, e.g. WS-042.'),
    user: contextPart.describe('Account, e.g. ACME\\jsmith.'),
    process: contextPart.describe('Process or tool, e.g. beacon.exe (pid 4242).'),
  })
  .refine((c) => c.host !== '' || c.user !== '' || c.process !== '', { message: CONTEXT_EMPTY_MESSAGE });
export type ContextInput = z.input<typeof contextInputSchema>;

/** The shared edit of a context: its parts, and whether the host is the red team's own. */
export const contextUpdateSchema = contextInputSchema.and(
  z.object({
    red_team_infrastructure: z
      .boolean()
      .optional()
      .describe(
        'The host is red team infrastructure (attacker VPS, cracking box): the IOC report lists it apart from the client’s hosts. Left out: unchanged.',
      ),
  }),
);
export type ContextUpdate = z.input<typeof contextUpdateSchema>;

const hex = (length: number, name: string) =>
  z
    .string()
    .trim()
    .transform((v) => v.toLowerCase())
    .refine((v) => v === '' || new RegExp(`^[0-9a-f]{${length}}$`).test(v), {
      message: `must be ${length} hexadecimal characters (an ${name} hash)`,
    })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

/** One file distribution of an event: an existing file (`file_id`) or file details to merge or create. */
export const fileInputSchema = z.object({
  file_id: z.number().int().positive().optional().describe('An existing file of the engagement.'),
  filename: z.string().trim().max(256, 'must be at most 256 characters').optional().describe('File name.'),
  size: z.number().int().min(0, 'must be 0 or more bytes').nullable().optional().describe('Size in bytes.'),
  md5: hex(32, 'MD5').describe('MD5, 32 hexadecimal characters.'),
  sha1: hex(40, 'SHA-1').describe('SHA-1, 40 hexadecimal characters.'),
  sha256: hex(64, 'SHA-256').describe('SHA-256, 64 hexadecimal characters.'),
  description: z
    .string()
    .max(1000, 'must be at most 1000 characters')
    .nullable()
    .optional()
    .describe('What the file is.'),
  location: z
    .string()
    .max(1000, 'must be at most 1000 characters')
    .nullable()
    .optional()
    .describe('Where it was put on the target: a path, a mailbox…'),
  removed: z.boolean().default(false).describe('Removed from the target since.'),
});
export type FileInput = z.input<typeof fileInputSchema>;

export const tagName = z
  .string()
  .trim()
  .min(1, 'a tag can not be empty')
  .max(100, 'a tag must be at most 100 characters');

const attackId = z.string().trim().max(20, 'must be at most 20 characters').nullable().optional();

/** The fields of an event a client writes. PUT sends them all (absent optional ones reset). */
export const eventFieldsSchema = z.object({
  engagement: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Engagement code; default: the caller’s current engagement.'),
  timestamp: isoTimestamp.describe('When it started, ISO-8601 (no offset = UTC).'),
  timestamp_end: isoTimestamp
    .nullable()
    .optional()
    .describe('When it ended, if it lasted; not before the start.'),
  operator: z
    .string()
    .trim()
    .min(1)
    .max(150)
    .optional()
    .describe('Username of the member who did it; default: the caller.'),
  source: contextInputSchema.describe('Where it came from: host, user and process (at least one).'),
  target: contextInputSchema.describe('What it was aimed at: host, user and process (at least one).'),
  mitre_attack_tactic: attackId.describe('ATT&CK tactic id, e.g. TA0006.'),
  mitre_attack_technique: attackId.describe('ATT&CK technique id, e.g. T1003.'),
  mitre_attack_subtechnique: attackId.describe('ATT&CK sub-technique id, e.g. T1003.001.'),
  description: z
    .string()
    .trim()
    .min(1, 'This field is required.')
    .max(1000, 'Ensure this field has no more than 1000 characters.')
    .describe('What was done, in a sentence.'),
  raw_evidence: z.string().optional().describe('Commands and their output, as captured.'),
  outcome: z
    .string()
    .max(1000, 'Ensure this field has no more than 1000 characters.')
    .optional()
    .describe('What it achieved.'),
  detected: detectedCode.optional().describe('Did the blue team see it? N/A, UNK, NEG, PAR or FUL.'),
  prevented: preventedCode.optional().describe('Was it stopped? N/A, NEG, PAR or FUL.'),
  starred: z.boolean().optional().describe('Marked for the report.'),
  tags: z
    .array(tagName)
    .max(100, 'at most 100 tags')
    .optional()
    .describe('Tag names, matched case-insensitively within the engagement; absent = unchanged on update.'),
  files: z
    .array(fileInputSchema)
    .max(500, 'at most 500 files')
    .optional()
    .describe('Files put on the target; absent = unchanged on update, [] removes them all.'),
});
export type EventFields = z.input<typeof eventFieldsSchema>;

export const eventPatchSchema = eventFieldsSchema.partial();
export type EventPatch = z.input<typeof eventPatchSchema>;

/** What `event.change_limited` may change; anything else in the body is ignored. */
export const LIMITED_FIELDS = ['outcome', 'detected', 'prevented'] as const;
export const eventLimitedSchema = eventFieldsSchema.pick({ outcome: true, detected: true, prevented: true });
export type EventLimitedPatch = z.input<typeof eventLimitedSchema>;

export const contextDtoSchema = z.object({
  id: z.number().int(),
  host: z.string(),
  user: z.string(),
  process: z.string(),
  red_team_infrastructure: z
    .boolean()
    .describe('The host is red team infrastructure (attacker VPS, cracking box), not one of the client’s.'),
  /** `#rrggbb` derived from the parts (SHAKE-128, as the original); the grid tints cells with it. */
  colour: z.string(),
});
export type ContextDto = z.infer<typeof contextDtoSchema>;

export const contextDetailDtoSchema = contextDtoSchema.extend({
  event_count: z.number().int().describe('Events (not deleted) using the context as source or target.'),
});
export type ContextDetailDto = z.infer<typeof contextDetailDtoSchema>;

export const contextUpdateResultSchema = z.object({
  context: contextDtoSchema,
  shared_event_count: z.number().int().describe('Events of the engagement that changed with it.'),
});
export type ContextUpdateResult = z.infer<typeof contextUpdateResultSchema>;

export const contextListQuerySchema = z.object({
  engagement: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('Engagement code; default: the caller’s current engagement.'),
  search: z.string().max(200).optional().describe('Substring of host, user or process (any case).'),
  ...pageQueryShape,
});
export const contextValuesQuerySchema = contextListQuerySchema.extend({
  field: z.enum(['host', 'user', 'process']).describe('Which part of the contexts to list.'),
});
export type ContextValuesQuery = z.input<typeof contextValuesQuerySchema>;

/** A file already known in the engagement, offered by the event form's file picker. */
export const knownFileDtoSchema = z.object({
  id: z.number().int(),
  filename: z.string(),
  size: z.number().int().nullable().describe('Bytes, when known.'),
  md5: z.string().nullable(),
  sha1: z.string().nullable(),
  sha256: z.string().nullable(),
  description: z.string().nullable(),
});
export type KnownFileDto = z.infer<typeof knownFileDtoSchema>;

export const fileDistributionDtoSchema = z.object({
  id: z.number().int(),
  file_id: z.number().int(),
  filename: z.string(),
  size: z.number().int().nullable(),
  md5: z.string().nullable(),
  sha1: z.string().nullable(),
  sha256: z.string().nullable(),
  description: z.string().nullable(),
  location: z.string().nullable(),
  removed: z.boolean(),
});
export type FileDistributionDto = z.infer<typeof fileDistributionDtoSchema>;

/** An attachment as a grid row names it (its thumbnail): the row's first few, as the reader may see them. */
export const eventAttachmentSummaryDtoSchema = z.object({
  id: z.number().int(),
  filename: z.string(),
  content_type: z.string().describe('Sniffed from the bytes: `image/png`, `application/x-asciicast`…'),
});
export type EventAttachmentSummaryDto = z.infer<typeof eventAttachmentSummaryDtoSchema>;

export const eventDtoSchema = z.object({
  id: z.number().int(),
  engagement: z.string(),
  timestamp: z.string(),
  timestamp_end: z.string().nullable(),
  operator: z.string().nullable(),
  source: contextDtoSchema,
  target: contextDtoSchema,
  mitre_attack_tactic: z.string().nullable(),
  mitre_attack_technique: z.string().nullable(),
  mitre_attack_subtechnique: z.string().nullable(),
  /** "T1234.001 Technique - Sub-technique", "T1234 Technique", "TA0001 Tactic" or null (§3.1). */
  mitre_attack_label: z.string().nullable(),
  description: z.string(),
  raw_evidence: z.string(),
  outcome: z.string(),
  detected: z.string(),
  prevented: z.string(),
  starred: z.boolean(),
  tags: z.array(z.string()),
  files: z.array(fileDistributionDtoSchema),
  /** Attachments the reader may see (the blue team: shared ones only), and the first three by id. */
  attachment_count: z.number().int(),
  attachments: z.array(eventAttachmentSummaryDtoSchema),
  /** Comments on the event the reader may see (the blue team: not the red team only ones), deleted ones left out. */
  comment_count: z.number().int(),
  version: z.number().int(),
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_by: z.string().nullable(),
  updated_at: z.string(),
});
export type EventDto = z.infer<typeof eventDtoSchema>;

/** Someone with an event's form open now (`GET /api/v1/events/presence/`). */
export const eventPresenceDtoSchema = z.object({
  event_id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  since: z.string().describe('When they opened the form, ISO-8601 UTC.'),
});
export type EventPresenceDto = z.infer<typeof eventPresenceDtoSchema>;

const booleanParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const listParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

export const EVENT_SORTS = ['timestamp', 'detected', 'prevented', 'tactic', 'technique'] as const;

/** The grid's filter, as URL parameters (every request carries it explicitly, so URLs are shareable). */
export const eventListQuerySchema = z.object({
  engagement: z.string().trim().min(1).optional(),
  search: z.string().max(500, 'must be at most 500 characters').optional(),
  tag: listParam.optional(),
  untagged: booleanParam.optional(),
  tactic: z.string().trim().toUpperCase().optional(),
  technique: z.string().trim().toUpperCase().optional(),
  detected: listParam.pipe(z.array(detectedCode)).optional(),
  prevented: listParam.pipe(z.array(preventedCode)).optional(),
  operator: z.string().trim().min(1).optional(),
  starred: booleanParam.optional(),
  /** Only events the client's blue team has commented on. */
  blue_comments: booleanParam.optional(),
  from: isoTimestamp.optional(),
  to: isoTimestamp.optional(),
  /** `timestamp` (oldest first) or `-timestamp` (newest first, the default); also detected, prevented, tactic, technique. */
  sort: z
    .enum([...EVENT_SORTS, ...EVENT_SORTS.map((s) => `-${s}` as const)], {
      message: `must be one of ${EVENT_SORTS.join(', ')} (prefix - for descending)`,
    })
    .default('-timestamp'),
  cursor: z.string().max(500).optional(),
  page_size: z.coerce.number().int().min(1).max(1000, 'must be at most 1000').default(100),
});
export type EventListQuery = z.output<typeof eventListQuerySchema>;
export type EventListQueryInput = z.input<typeof eventListQuerySchema>;
export type EventFilter = Omit<EventListQuery, 'sort' | 'cursor' | 'page_size'>;

/** A word of the search box that was not searched: no letters or digits at all, or past the 16th word. */
export const ignoredSearchWordSchema = z.object({
  word: z.string().describe('The word as typed.'),
  reason: z
    .enum(['no_letters', 'too_many_words'])
    .describe('no_letters: only punctuation; too_many_words: past the 16th word.'),
});
export type IgnoredSearchWord = z.infer<typeof ignoredSearchWordSchema>;

export const tagDtoSchema = z.object({ id: z.number().int(), name: z.string() });
export type TagDto = z.infer<typeof tagDtoSchema>;

/** A row of the Files / IOC page: one file distribution with its event's time and target host. */
export const fileRowDtoSchema = fileDistributionDtoSchema.extend({
  event_id: z.number().int(),
  timestamp: z.string(),
  target_host: z.string(),
});
export type FileRowDto = z.infer<typeof fileRowDtoSchema>;

const PAGING_PARAMS = ['cursor', 'page_size', 'limit'];

/** The grid's filter parameters (what a shared grid URL, an export and a report's scope carry). */
export const EVENT_FILTER_PARAMS: readonly string[] = Object.keys(eventListQuerySchema.shape).filter(
  (name) => name !== 'engagement' && name !== 'sort' && !PAGING_PARAMS.includes(name),
);

/**
 * Query parameters a report URL reserves, so a report's own parameters may not use them: the grid's
 * list parameters (filter, sort, paging) plus the engagement and the output format. Derived from the
 * list's schema, so a new filter is reserved as soon as the grid has it.
 */
export const RESERVED_REPORT_PARAMS: readonly string[] = [
  ...new Set([
    'engagement',
    'format',
    'preview',
    ...Object.keys(eventListQuerySchema.shape),
    ...PAGING_PARAMS,
  ]),
];
