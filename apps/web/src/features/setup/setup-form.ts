import { browserTimezone } from '../../lib/dates.ts';
import { validateEngagement } from '../engagements/engagement-types.ts';

export interface SetupValues {
  [key: string]: string;
  token: string;
  code: string;
  name: string;
  description: string;
  start_date: string;
  end_date: string;
  username: string;
  password: string;
  confirm: string;
  timezone: string;
}

export function initialSetupValues(): SetupValues {
  const today = new Date().toISOString().slice(0, 10);
  return {
    token: '',
    code: '',
    name: '',
    description: '',
    start_date: today,
    end_date: '',
    username: '',
    password: '',
    confirm: '',
    timezone: browserTimezone(),
  };
}

/** Which wizard step holds each field, so a server error can send the user back to it. */
export const FIELD_STEP: Record<string, number> = {
  token: 0,
  code: 1,
  name: 1,
  description: 1,
  start_date: 1,
  end_date: 1,
  username: 2,
  password: 2,
  confirm: 2,
  timezone: 2,
};

/** The server names nested fields (`engagement.code`, `user.password`); the form uses flat names. */
export const SERVER_FIELD_ALIASES: Record<string, string> = {
  'engagement.code': 'code',
  'engagement.name': 'name',
  'engagement.description': 'description',
  'engagement.start_date': 'start_date',
  'engagement.end_date': 'end_date',
  'user.username': 'username',
  'user.password': 'password',
  'user.timezone': 'timezone',
};

export function validateStep(step: number, v: SetupValues): Record<string, string> {
  if (step === 0)
    return v.token.trim() ? {} : { token: 'Paste the setup token printed when the server started.' };
  if (step === 1) return validateEngagement(v);
  const errors: Record<string, string> = {};
  if (!v.username.trim()) errors.username = 'Choose a username.';
  if (v.password.length < 8) errors.password = 'Use at least 8 characters.';
  if (v.password !== v.confirm) errors.confirm = "The two passwords don't match.";
  if (!v.timezone) errors.timezone = 'Choose your timezone.';
  return errors;
}
