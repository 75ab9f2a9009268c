import { Badge, Button, Collapse, Group, Paper, Stack, Text } from '@mantine/core';
import type { CommentDto, MentionableDto } from '@steppingstones/shared/comments';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { CommentMarkdown } from './CommentMarkdown.tsx';
import { SIDE_COLOR, SIDE_LABEL } from './comment-side.ts';
import classes from './comments.module.css';
import { deleteComment, editComment } from './comments-api.ts';
import { MentionTextarea } from './MentionTextarea.tsx';

/** One comment: who spoke and for which side, its Markdown, and the author's (or lead's) controls. */
export function CommentItem({
  comment,
  members,
  zone,
  onChanged,
}: {
  comment: CommentDto;
  members: MentionableDto[];
  zone: string;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const [confirm, setConfirm] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const save = useMutation({
    mutationFn: () => editComment(comment.id, { body: draft }),
    onSuccess: () => {
      setEditing(false);
      onChanged();
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteComment(comment.id),
    onSuccess: () => {
      setConfirm(false);
      onChanged();
    },
  });
  const who = comment.author_display_name || comment.author || 'A former user';
  const history = comment.history ?? [];
  return (
    <Paper
      p="xs"
      className={classes.comment}
      style={{ '--side-color': `var(--mantine-color-${SIDE_COLOR[comment.side]}-6)` } as React.CSSProperties}
      data-testid="comment"
      data-side={comment.side}
      aria-label={`Comment by ${who}, ${SIDE_LABEL[comment.side]}`}
    >
      <Group gap="xs" wrap="wrap" mb={4}>
        <Text size="sm" fw={600}>
          {who}
        </Text>
        <Badge size="xs" variant="light" color={SIDE_COLOR[comment.side]} data-testid="comment-side">
          {SIDE_LABEL[comment.side]}
        </Badge>
        {comment.red_team_only && (
          <Badge size="xs" variant="outline" color="red">
            Red team only
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {formatDateTime(comment.created_at, zone)}
          {comment.edited_at && !comment.deleted ? ' · edited' : ''}
        </Text>
      </Group>
      {comment.deleted ? (
        <Text size="sm" c="dimmed" fs="italic">
          This comment was deleted.
        </Text>
      ) : editing ? (
        <Stack gap="xs">
          <MentionTextarea
            label="Edit comment"
            value={draft}
            onChange={setDraft}
            members={members}
            error={save.error ? errorMessage(save.error) : null}
            onSubmit={() => save.mutate()}
            autoFocus
          />
          <Group gap="xs">
            <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
              Save
            </Button>
            <Button size="xs" variant="default" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      ) : (
        <CommentMarkdown body={comment.body} />
      )}
      {!editing && (comment.can_edit || comment.can_delete || history.length > 0) && (
        <Group gap="xs" mt={4}>
          {comment.can_edit && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => {
                setDraft(comment.body);
                setEditing(true);
              }}
            >
              Edit
            </Button>
          )}
          {comment.can_delete && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirm(true)}>
              Delete
            </Button>
          )}
          {history.length > 0 && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setShowHistory((s) => !s)}>
              {showHistory ? 'Hide' : 'Show'} earlier text ({history.length})
            </Button>
          )}
        </Group>
      )}
      <Collapse expanded={showHistory}>
        <Stack gap={4} mt={4}>
          {history.map((h) => (
            <Paper key={`${h.at}-${h.action}`} withBorder p={6}>
              <Text size="xs" c="dimmed">
                {h.action === 'delete' ? 'Deleted' : 'Replaced'} by {h.by ?? 'a former user'} on{' '}
                {formatDateTime(h.at, zone)}
                {h.red_team_only ? ' · red team only' : ''}
              </Text>
              <CommentMarkdown body={h.body} />
            </Paper>
          ))}
        </Stack>
      </Collapse>
      <ConfirmModal
        opened={confirm}
        onClose={() => setConfirm(false)}
        onConfirm={() => remove.mutate()}
        title="Delete this comment?"
        confirmLabel="Delete comment"
        loading={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
      >
        It stays in the thread marked as deleted; the engagement lead can still read its text.
      </ConfirmModal>
    </Paper>
  );
}
