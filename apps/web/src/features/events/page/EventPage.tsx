import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { EventDto } from '@steppingstones/shared/events';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/QueryState.tsx';
import { browserTimezone, formatDateTimeSeconds } from '../../../lib/dates.ts';
import { can } from '../../../lib/permissions.ts';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { EventAttachments } from '../../attachments/EventAttachments.tsx';
import { useMe } from '../../auth/use-me.ts';
import { CommentThread } from '../../comments/CommentThread.tsx';
import { EventCredentialsPanel } from '../../credentials/EventCredentialsPanel.tsx';
import { useLiveChanges } from '../../live/use-live-changes.ts';
import { attackUrl } from '../api/attack-api.ts';
import { EVENTS_KEY, fetchEvent } from '../api/events-api.ts';
import { ContextLines } from '../ui/ContextLines.tsx';
import { detectedChoice, preventedChoice } from '../ui/choices.ts';
import { OutcomeBadge } from '../ui/OutcomeBadge.tsx';
import classes from './event-page.module.css';

export const eventPageKey = (id: number) => [...EVENTS_KEY, 'page', id] as const;

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

/** `/events/{id}`: one event, read-only, at a link a teammate can open; live while it is shown. */
export function EventPage() {
  const id = Number(useParams().id);
  const me = useMe();
  const zone = me.timezone ?? browserTimezone();
  const client = useQueryClient();
  const event = useQuery({
    queryKey: eventPageKey(id),
    queryFn: () => fetchEvent(id),
    enabled: Number.isInteger(id) && id > 0,
  });
  usePageTitle(event.data ? `Event ${id}: ${event.data.description.slice(0, 40)}` : `Event ${id}`);
  useLiveChanges(event.data?.engagement ?? me.current_engagement, (change) => {
    if (change === null || change.ids.includes(id))
      void client.invalidateQueries({ queryKey: eventPageKey(id) });
  });

  if (!Number.isInteger(id) || id <= 0)
    return <ErrorState error={new Error('There is no event with this number.')} title="Event not found" />;
  if (event.isPending) return <LoadingState label="Loading the event…" />;
  if (event.isError)
    return (
      <ErrorState error={event.error} onRetry={() => event.refetch()} title="Could not load the event" />
    );
  return <EventView event={event.data} zone={zone} canEdit={can(me, 'event.change')} />;
}

function EventView({ event, zone, canEdit }: { event: EventDto; zone: string; canEdit: boolean }) {
  const attackId =
    event.mitre_attack_subtechnique ?? event.mitre_attack_technique ?? event.mitre_attack_tactic;
  return (
    <Stack gap="md" maw={1100} data-testid="event-page">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Anchor component={Link} to="/events" size="sm">
            ← Event log
          </Anchor>
          <Title order={2} className={classes.title}>
            {event.description}
          </Title>
          <Text c="dimmed" size="sm">
            Event {event.id} in {event.engagement} · {formatDateTimeSeconds(event.timestamp, zone)}
            {event.timestamp_end ? ` until ${formatDateTimeSeconds(event.timestamp_end, zone)}` : ''} ({zone})
          </Text>
        </div>
        <Group gap="sm">
          <Button variant="default" component={Link} to={`/events/${event.id}/history`}>
            History
          </Button>
          {canEdit && (
            <Button component={Link} to={`/events/${event.id}/edit`}>
              Edit
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
          <Field label="Operator">
            <Text size="sm">{event.operator ?? '-'}</Text>
          </Field>
          <Field label="Source">
            <ContextLines context={event.source} />
          </Field>
          <Field label="Target">
            <ContextLines context={event.target} />
          </Field>
          <Field label="MITRE ATT&CK">
            {attackId && event.mitre_attack_label ? (
              <Anchor href={attackUrl(attackId)} target="_blank" rel="noopener noreferrer" size="sm">
                {event.mitre_attack_label}
              </Anchor>
            ) : (
              <Text size="sm">-</Text>
            )}
          </Field>
          <Field label="Detected">
            <OutcomeBadge choice={detectedChoice(event.detected)} />
          </Field>
          <Field label="Prevented">
            <OutcomeBadge choice={preventedChoice(event.prevented)} />
          </Field>
          <Field label="Starred">
            <Text size="sm">{event.starred ? 'Yes' : 'No'}</Text>
          </Field>
          <Field label="Tags">
            <Group gap={4}>
              {event.tags.length === 0 && <Text size="sm">-</Text>}
              {event.tags.map((t) => (
                <Badge key={t} variant="light" size="sm" radius="sm" tt="none">
                  {t}
                </Badge>
              ))}
            </Group>
          </Field>
        </SimpleGrid>
      </Paper>
      {event.outcome && (
        <Field label="Outcome">
          <Text size="sm">{event.outcome}</Text>
        </Field>
      )}
      <Field label="Raw evidence">
        {event.raw_evidence ? (
          <pre className={classes.evidence}>{event.raw_evidence}</pre>
        ) : (
          <Text size="sm">-</Text>
        )}
      </Field>
      {event.files.length > 0 && (
        <Field label="Files (IOCs)">
          <Stack gap={4}>
            {event.files.map((f) => (
              <Text key={f.id} size="sm" className={classes.file}>
                {f.filename}
                {f.location ? ` · ${f.location}` : ''}
                {f.sha256 ? ` · SHA-256 ${f.sha256}` : ''}
              </Text>
            ))}
          </Stack>
        </Field>
      )}
      <EventAttachments eventId={event.id} engagement={event.engagement} />
      <CommentThread eventId={event.id} engagement={event.engagement} />
      <EventCredentialsPanel eventId={event.id} engagement={event.engagement} />
      <Text size="xs" c="dimmed">
        Created by {event.created_by ?? 'an import'} on {formatDateTimeSeconds(event.created_at, zone)} · last
        changed by {event.updated_by ?? '-'} on {formatDateTimeSeconds(event.updated_at, zone)} · version{' '}
        {event.version}
      </Text>
    </Stack>
  );
}
