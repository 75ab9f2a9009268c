export interface Engagement {
  id: number;
  code: string;
  name: string;
  description: string;
  start_date: string;
  end_date: string;
  archived: boolean;
  created_at: string;
  updated_at: string;
}

export interface EngagementInput {
  code: string;
  name: string;
  description: string;
  start_date: string;
  end_date: string;
}

/** The same rule as the server's schema (packages/shared/src/engagement.ts), checked before sending. */
export const ENGAGEMENT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function validateEngagement(values: EngagementInput, checkCode = true): Record<string, string> {
  const errors: Record<string, string> = {};
  if (checkCode) {
    if (!values.code.trim()) errors.code = 'Enter a short code, e.g. ACME-2026.';
    else if (!ENGAGEMENT_CODE_PATTERN.test(values.code.trim()))
      errors.code = 'Use only letters, digits, dot, dash and underscore, starting with a letter or digit.';
  }
  if (!values.name.trim()) errors.name = 'Enter the engagement name.';
  if (!values.start_date) errors.start_date = 'Pick the start date.';
  if (!values.end_date) errors.end_date = 'Pick the end date.';
  if (values.start_date && values.end_date && values.end_date < values.start_date)
    errors.end_date = 'End date can not be before the start date.';
  return errors;
}
