import { Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState } from '../../components/QueryState.tsx';
import { browserTimezone } from '../../lib/dates.ts';
import { useMe } from '../auth/use-me.ts';
import { CommentComposer } from './CommentComposer.tsx';
import { CommentItem } from './CommentItem.tsx';
import { mySide } from './comment-side.ts';
import { commentsKey, fetchComments } from './comments-api.ts';
import { useLiveComments } from './use-live-comments.ts';

/**
 * The conversation on an event, for both teams: each comment labelled with the side that spoke,
 * updated live as teammates and the blue team post, edit and delete.
 */
export function CommentThread({ eventId, engagement }: { eventId: number; engagement: string }) {
  const me = useMe();
  const zone = me.timezone ?? browserTimezone();
  const client = useQueryClient();
  const thread = useQuery({ queryKey: commentsKey(eventId), queryFn: () => fetchComments(eventId) });
  useLiveComments(eventId);
  const refresh = () => void client.invalidateQueries({ queryKey: commentsKey(eventId) });
  const members = thread.data?.members ?? [];
  return (
    <Stack gap="xs" component="section" aria-label="Comments" data-testid="comment-thread">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        Comments{thread.data ? ` (${thread.data.results.filter((c) => !c.deleted).length})` : ''}
      </Text>
      {thread.isError && (
        <ErrorState
          error={thread.error}
          onRetry={() => thread.refetch()}
          title="Could not load the comments"
        />
      )}
      {thread.data?.results.length === 0 && (
        <Text size="sm" c="dimmed">
          No comments yet. The blue team can say here what they saw and when.
        </Text>
      )}
      {thread.data?.results.map((c) => (
        <CommentItem key={c.id} comment={c} members={members} zone={zone} onChanged={refresh} />
      ))}
      <CommentComposer
        eventId={eventId}
        members={members}
        redTeam={mySide(me, engagement) === 'red'}
        onPosted={refresh}
      />
    </Stack>
  );
}
