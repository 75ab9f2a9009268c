import {
  engagementCreateSchema,
  passwordSchema,
  type SetupInput,
  timezoneSchema,
  usernameSchema,
} from '@steppingstones/shared';
import { z } from 'zod';
import { browserTimezone } from '../../lib/dates.ts';

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

/** What each wizard step checks before going on: the server's own schemas, plus the repeated password. */
export const STEP_SCHEMAS: z.ZodType[] = [
  z.object({ token: z.string().trim().min(1, 'Paste the setup token printed when the server started') }),
  engagementCreateSchema,
  z
    .object({
      username: usernameSchema,
      password: passwordSchema,
      confirm: z.string(),
      timezone: timezoneSchema,
    })
    .refine((v) => v.password === v.confirm, { message: "The two passwords don't match", path: ['confirm'] }),
];

/** The request body, from the flat form values. */
export function setupRequest(v: SetupValues): SetupInput {
  return {
    token: v.token.trim(),
    engagement: engagementCreateSchema.parse(v),
    user: { username: v.username.trim(), password: v.password, timezone: v.timezone },
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
