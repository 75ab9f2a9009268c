import { Anchor, Badge, Box, Button, Group, Text, Tooltip } from '@mantine/core';
import type { ContextDto, EventDto } from '@steppingstones/shared/events';
import { useState } from 'react';
import { formatDateTimeSeconds } from '../../../lib/dates.ts';
import { AttachmentThumbs } from '../../attachments/AttachmentThumbs.tsx';
import { CommentCountBadge } from '../../comments/CommentCountBadge.tsx';
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

/** The evidence as shown collapsed: its first line in compact mode, its first characters otherwise. */
function evidencePreview(evidence: string, compact: boolean): { text: string; more: boolean } {
  if (compact) {
    const first = evidence.split('\n', 1)[0] ?? '';
    return { text: first, more: first.length < evidence.length || first.length > 80 };
  }
  const long = evidence.length > EVIDENCE_PREVIEW;
  return { text: long ? `${evidence.slice(0, EVIDENCE_PREVIEW)}…` : evidence, more: long };
}

export function DescriptionCell({
  event,
  compact = false,
  editors,
}: {
  event: EventDto;
  compact?: boolean;
  editors?: string[];
}) {
  const [expanded, setExpanded] = useState(false);
  const evidence = event.raw_evidence;
  const preview = evidencePreview(evidence, compact);
  return (
    <Box>
      {editors && editors.length > 0 && (
        <Badge
          variant="dot"
          color="orange"
          size="sm"
          radius="sm"
          tt="none"
          mb={4}
          data-testid="editing-badge"
        >
          {editors.join(', ')} editing
        </Badge>
      )}
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
      <AttachmentThumbs event={event} />
      <CommentCountBadge event={event} />
      {event.outcome && (
        <Text size="sm" className={classes.outcome}>
          <Text span fw={600} size="sm">
            Outcome:{' '}
          </Text>
          {event.outcome}
        </Text>
      )}
      {evidence && (
        <Box className={`${classes.evidence} ${compact && !expanded ? classes.evidenceLine : ''}`}>
          <span className={compact && !expanded ? classes.evidenceText : undefined}>
            {expanded || !preview.more ? evidence : preview.text}
          </span>
          {preview.more && (
            <Button
              variant="subtle"
              size="compact-xs"
              ml={4}
              onClick={() => setExpanded((v) => !v)}
              aria-expanded={expanded}
              data-expand-evidence
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
