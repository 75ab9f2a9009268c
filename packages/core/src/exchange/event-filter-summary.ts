import { DETECTED_LABELS, PREVENTED_LABELS } from './event-columns.ts';
import type { ExportFilter } from './export-rows.ts';

/**
 * The filter in words, for the head of a document made from it ("Starred · Tag: phishing · From …"), so a
 * reader of a printed log knows it is not the whole engagement. "All events" when nothing narrows it.
 */
export function describeEventFilter(filter: ExportFilter): string {
  const parts: string[] = [];
  if (filter.search) parts.push(`Search: "${filter.search}"`);
  if (filter.tag?.length) parts.push(`Tag: ${filter.tag.join(', ')}`);
  if (filter.untagged) parts.push('Untagged');
  if (filter.tactic) parts.push(`Tactic: ${filter.tactic}`);
  if (filter.technique) parts.push(`Technique: ${filter.technique}`);
  if (filter.detected?.length)
    parts.push(`Detected: ${filter.detected.map((c) => DETECTED_LABELS[c] ?? c).join(', ')}`);
  if (filter.prevented?.length)
    parts.push(`Prevented: ${filter.prevented.map((c) => PREVENTED_LABELS[c] ?? c).join(', ')}`);
  if (filter.operator) parts.push(`Operator: ${filter.operator}`);
  if (filter.starred) parts.push('Starred');
  if (filter.blue_comments !== undefined)
    parts.push(filter.blue_comments ? 'With blue team comments' : 'Without blue team comments');
  if (filter.from) parts.push(`From ${filter.from}`);
  if (filter.to) parts.push(`To ${filter.to}`);
  return parts.length ? parts.join(' · ') : 'All events';
}
