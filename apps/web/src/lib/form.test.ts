import { engagementCreateSchema, PASSWORD_MIN_LENGTH, passwordSchema } from '@steppingstones/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldLabel, schemaResolver, sentence } from './form.ts';

describe('forms validated by the shared schemas', () => {
  it('asks for the password length the server enforces', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    const check = schemaResolver(z.object({ password: passwordSchema }));
    expect(check({ password: 'eight ch' })).toEqual({ password: 'Must be at least 10 characters long.' });
    expect(check({ password: '1234567890' })).toEqual({ password: 'Must not be entirely numeric.' });
    expect(check({ password: 'a long passphrase' })).toEqual({});
  });

  it('shows the first problem of each field, as a sentence, under the field the schema names', () => {
    const check = schemaResolver(engagementCreateSchema);
    const errors = check({
      code: '-bad',
      name: '',
      description: '',
      start_date: '2027-01-10',
      end_date: '2027-01-05',
    });
    expect(errors).toEqual({
      code: 'May contain only letters, digits, dot, dash and underscore, starting with a letter or digit.',
      name: 'This field is required.',
      end_date: 'End date can not be before the start date.',
    });
  });

  it('turns a fragment into a sentence once', () => {
    expect(sentence('is required')).toBe('This field is required.');
    expect(sentence('must be a URL')).toBe('Must be a URL.');
    expect(sentence('Already a sentence.')).toBe('Already a sentence.');
  });

  it('names a field by its label, not its wire path', () => {
    expect(fieldLabel('user.password')).toBe('Password');
    expect(fieldLabel('engagement.end_date')).toBe('End date');
    expect(fieldLabel('types.0')).toBe('Types');
  });
});
