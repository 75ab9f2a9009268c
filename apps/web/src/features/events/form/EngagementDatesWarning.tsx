import { Alert } from '@mantine/core';
import { useEngagements } from '../../engagements/engagements-api.ts';
import { engagementDatesSentence, outsideEngagementDates } from './engagement-dates.ts';

/** Under the time: the event is outside the engagement's dates (it can still be saved). */
export function EngagementDatesWarning({ engagement, day }: { engagement: string; day: string }) {
  const engagements = useEngagements();
  const found = engagements.data?.find((e) => e.code === engagement);
  if (!found || !outsideEngagementDates(day, found)) return null;
  return (
    <Alert color="yellow" variant="light" role="status" data-testid="outside-dates">
      This time ({day}) is outside the engagement: {engagementDatesSentence(found)}. You can still save it.
    </Alert>
  );
}
