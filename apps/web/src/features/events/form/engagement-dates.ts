import type { EngagementDto } from '@steppingstones/shared';

/**
 * Whether a day (`YYYY-MM-DD`, on the user's clock) falls outside the engagement's dates. Such an event
 * is still saved (late write-ups and test runs happen), with a warning the user sees.
 */
export function outsideEngagementDates(
  day: string,
  engagement: Pick<EngagementDto, 'start_date' | 'end_date'> | undefined,
): boolean {
  if (!engagement || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  return day < engagement.start_date || day > engagement.end_date;
}

/** "ACME-2026 runs from 2026-11-01 to 2026-12-19" */
export function engagementDatesSentence(
  engagement: Pick<EngagementDto, 'code' | 'start_date' | 'end_date'>,
): string {
  return `${engagement.code} runs from ${engagement.start_date} to ${engagement.end_date}`;
}
