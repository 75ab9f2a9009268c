import { describe, expect, it } from 'vitest';
import { completeMention, mentionAt } from './mention-query.ts';

describe('the mention being typed', () => {
  it('is the @name just before the caret, not an e-mail address', () => {
    expect(mentionAt('hi @ca', 6)).toEqual({ start: 3, query: 'ca' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('mail bob@corp', 13)).toBeNull();
    expect(mentionAt('hi @carol done', 14)).toBeNull();
  });

  it('is replaced by the chosen username and a space, the caret after it', () => {
    expect(completeMention('hi @ca and', 6, 3, 'carol')).toEqual({ text: 'hi @carol  and', caret: 10 });
  });
});
