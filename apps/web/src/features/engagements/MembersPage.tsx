import { Alert } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader.tsx';
import { canIn } from '../../lib/permissions.ts';
import { useMe } from '../auth/use-me.ts';
import { EngagementMembers } from './EngagementMembers.tsx';

/** The current engagement's members, for its leads: who sees it and with which role. */
export function MembersPage() {
  const me = useMe();
  const code = me.current_engagement;
  const current = me.engagements.find((e) => e.code === code);
  return (
    <>
      <PageHeader
        title={code ? `Members of ${code}` : 'Members'}
        description="Who belongs to this engagement, and what their role lets them do in it."
      />
      {!code || !canIn(me, code, 'user.admin') ? (
        <Alert color="gray" variant="light">
          Choose an engagement you lead in the engagement switcher to manage its members.
        </Alert>
      ) : (
        <EngagementMembers code={code} readOnly={Boolean(current?.archived)} />
      )}
    </>
  );
}
