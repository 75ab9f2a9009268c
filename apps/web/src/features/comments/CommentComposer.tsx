import { Button, Group, Switch, Text } from '@mantine/core';
import { COMMENT_MAX_CHARS, type MentionableDto } from '@steppingstones/shared/comments';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../lib/api-error.ts';
import { postComment } from './comments-api.ts';
import { MentionTextarea } from './MentionTextarea.tsx';

/**
 * The box under the thread. The red team may keep a comment from the blue team (the switch is not
 * offered to the blue team, whom the server refuses it anyway).
 */
export function CommentComposer({
  eventId,
  members,
  redTeam,
  onPosted,
}: {
  eventId: number;
  members: MentionableDto[];
  redTeam: boolean;
  onPosted: () => void;
}) {
  const [body, setBody] = useState('');
  const [redTeamOnly, setRedTeamOnly] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const post = useMutation({
    mutationFn: () => postComment(eventId, { body, red_team_only: redTeam && redTeamOnly }),
    onSuccess: () => {
      setBody('');
      setProblem(null);
      onPosted();
    },
    onError: (error) => setProblem(errorMessage(error)),
  });
  const submit = () => {
    if (!body.trim()) return setProblem('body: must not be empty: write something to post');
    if (body.length > COMMENT_MAX_CHARS)
      return setProblem(`body: must be at most ${COMMENT_MAX_CHARS.toLocaleString('en')} characters`);
    post.mutate();
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <MentionTextarea
        label="Add a comment"
        placeholder="Markdown; @ to mention a member. Ctrl+Enter posts."
        value={body}
        onChange={setBody}
        members={members}
        error={problem}
        onSubmit={submit}
      />
      <Group justify="space-between" mt="xs">
        {redTeam ? (
          <Switch
            label="Red team only"
            description="Hidden from the blue team"
            checked={redTeamOnly}
            onChange={(e) => setRedTeamOnly(e.currentTarget.checked)}
          />
        ) : (
          <Text size="xs" c="dimmed">
            Your comment is labelled Blue team.
          </Text>
        )}
        <Button type="submit" loading={post.isPending}>
          Comment
        </Button>
      </Group>
    </form>
  );
}
