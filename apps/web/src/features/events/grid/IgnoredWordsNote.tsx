import { Text } from '@mantine/core';
import type { IgnoredSearchWord } from '@steppingstones/shared/events';

const WHY: Record<IgnoredSearchWord['reason'], string> = {
  no_letters: 'no letters or digits',
  too_many_words: 'only the first 16 words are searched',
};

/** Under the filter row: the words of the search that were not searched, so nobody trusts a silent miss. */
export function IgnoredWordsNote({ words }: { words: IgnoredSearchWord[] }) {
  if (words.length === 0) return null;
  return (
    <Text size="sm" c="dimmed" mb="xs" role="status" data-testid="ignored-search-words">
      Ignored in the search: {words.map((w) => `“${w.word}” (${WHY[w.reason]})`).join(', ')}
    </Text>
  );
}
