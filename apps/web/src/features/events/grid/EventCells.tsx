import { Anchor, Badge, Box, Button, Group, Text, Tooltip } from '@mantine/core';
import type { ContextDto, EventDto } from '@steppingstones/shared/events';
import { useState } from 'react';
import { formatDateTimeSeconds } from '../../../lib/dates.ts';
import { attackUrl } from '../api/attack-api.ts';
import { ContextLines } from '../ui/ContextLines.tsx';
import { IconPaperclip } from '../ui/event-icons.tsx';
import classes from './events.module.css';

const EVIDENCE_PREVIEW = 200;

/** Start (and end) in the user's zone and the browser's locale, seconds included. */
export function TimeCell({ event, timeZone }: { event: EventDto; timeZone: string | null }) {
  return (
    <Box>
      <Text size="sm" title={event.timestamp}>
        {formatDateTimeSeconds(event.timestamp, timeZone)}
      </Text>
      {event.timestamp_end && (
        <Text size="xs" c="dimmed" title={event.timestamp_end}>
          until {formatDateTimeSeconds(event.timestamp_end, timeZone)}
        </Text>
      )}
    </Box>
  );
}

/** A context tinted with its colour (the same colour everywhere the context appears). */
export function ContextCell({ context }: { context: ContextDto }) {
  return (
    <div className={classes.contextCell} style={{ backgroundColor: `${context.colour}22` }}>
      <ContextLines context={context} />
    </div>
  );
}

export function DescriptionCell({ event }: { event: EventDto }) {
  const [expanded, setExpanded] = useState(false);
  const evidence = event.raw_evidence;
  const long = evidence.length > EVIDENCE_PREVIEW;
  return (
    <Box>
      {(event.tags.length > 0 || event.files.length > 0) && (
        <Group gap={4} mb={4}>
          {event.files.length > 0 && (
            <Tooltip label={event.files.map((f) => f.filename).join(', ')}>
              <Badge
                variant="light"
                color="gray"
                size="sm"
                radius="sm"
                leftSection={<IconPaperclip size={12} />}
                tt="none"
              >
                {event.files.length}
              </Badge>
            </Tooltip>
          )}
          {event.tags.map((t) => (
            <Badge key={t} variant="light" size="sm" radius="sm" tt="none">
              {t}
            </Badge>
          ))}
        </Group>
      )}
      <Text size="sm" className={classes.description}>
        {event.description}
      </Text>
      {event.outcome && (
        <Text size="sm" className={classes.outcome}>
          <Text span fw={600} size="sm">
            Outcome:{' '}
          </Text>
          {event.outcome}
        </Text>
      )}
      {evidence && (
        <Box className={classes.evidence}>
          {expanded || !long ? evidence : `${evidence.slice(0, EVIDENCE_PREVIEW)}…`}
          {long && (
            <Button
              variant="subtle"
              size="compact-xs"
              ml={4}
              onClick={() => setExpanded((v) => !v)}
              aria-expanded={expanded}
            >
              {expanded ? 'less' : 'more'}
            </Button>
          )}
        </Box>
      )}
    </Box>
  );
}

export function AttackCell({ event }: { event: EventDto }) {
  const id = event.mitre_attack_subtechnique ?? event.mitre_attack_technique ?? event.mitre_attack_tactic;
  if (!id || !event.mitre_attack_label) return <Text size="sm">-</Text>;
  return (
    <Anchor
      href={attackUrl(id)}
      target="_blank"
      rel="noopener noreferrer"
      size="sm"
      className={classes.breakAnywhere}
    >
      {event.mitre_attack_label}
    </Anchor>
  );
}
