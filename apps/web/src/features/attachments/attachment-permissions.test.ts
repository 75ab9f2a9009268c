import { describe, expect, it } from 'vitest';
import type { Me } from '../auth/auth-types.ts';
import { canAttach, canManageAttachment } from './attachment-permissions.ts';

const OPERATOR = ['event.view', 'event.add', 'event.change', 'event.delete'];
const member = (username: string, role: string, permissions: string[]): Me =>
  ({
    id: 1,
    username,
    display_name: username,
    is_superuser: false,
    permissions,
    timezone: 'UTC',
    theme: 'light',
    current_engagement: 'ACME',
    engagements: [{ code: 'ACME', name: 'ACME', archived: false, role, permissions }],
  }) as Me;

const alice = member('alice', 'operator', OPERATOR);
const lead = member('lena', 'lead', [...OPERATOR, 'engagement.change', 'user.admin']);
const blue = member('bob', 'blue-read-only', ['event.view']);

describe('attachment controls the page offers', () => {
  it('lets the red team attach, never the blue team, and only in an engagement of theirs', () => {
    expect(canAttach(alice, 'ACME')).toBe(true);
    expect(canAttach(blue, 'ACME')).toBe(false);
    expect(canAttach(alice, 'OTHER')).toBe(false);
  });

  it('lets the uploader or a lead share', () => {
    expect(canManageAttachment(alice, 'ACME', { created_by: 'alice' })).toBe(true);
    expect(canManageAttachment(alice, 'ACME', { created_by: 'carol' })).toBe(false);
    expect(canManageAttachment(lead, 'ACME', { created_by: 'carol' })).toBe(true);
    expect(canManageAttachment(blue, 'ACME', { created_by: 'bob' })).toBe(false);
  });
});
