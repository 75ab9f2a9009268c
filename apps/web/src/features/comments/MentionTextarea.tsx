import { Paper, Text, Textarea, UnstyledButton } from '@mantine/core';
import type { MentionableDto } from '@steppingstones/shared/comments';
import { useId, useRef, useState } from 'react';
import { SIDE_LABEL } from './comment-side.ts';
import classes from './comments.module.css';
import { completeMention, mentionAt } from './mention-query.ts';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  members: MentionableDto[];
  error?: string | null;
  placeholder?: string;
  /** Ctrl/Cmd+Enter. */
  onSubmit?: () => void;
  autoFocus?: boolean;
}

/**
 * The comment box: typing `@` offers the engagement's members (arrow keys and Enter or Tab to pick,
 * Escape to dismiss), and the chosen username is written into the text.
 */
export function MentionTextarea({
  label,
  value,
  onChange,
  members,
  error,
  placeholder,
  onSubmit,
  autoFocus,
}: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const typed = mentionAt(value, caret);
  const matches =
    typed && dismissed !== typed.start
      ? members
          .filter(
            (m) =>
              m.username.toLowerCase().startsWith(typed.query) ||
              m.display_name.toLowerCase().includes(typed.query),
          )
          .slice(0, 8)
      : [];
  const open = matches.length > 0;

  const pick = (m: MentionableDto) => {
    if (!typed) return;
    const next = completeMention(value, caret, typed.start, m.username);
    onChange(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((a) => (a + step + matches.length) % matches.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(matches[Math.min(active, matches.length - 1)]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setDismissed(typed?.start ?? null);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit) {
      e.preventDefault();
      onSubmit();
    }
  };

  return (
    <div style={{ position: 'relative' }}>
      <Textarea
        ref={ref}
        label={label}
        value={value}
        placeholder={placeholder}
        error={error}
        autosize
        minRows={2}
        maxRows={12}
        autoFocus={autoFocus}
        role="combobox"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-autocomplete="list"
        onChange={(e) => {
          onChange(e.currentTarget.value);
          setCaret(e.currentTarget.selectionStart ?? e.currentTarget.value.length);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <Paper
          withBorder
          shadow="sm"
          className={classes.mentions}
          id={listId}
          role="listbox"
          aria-label="Members"
        >
          {matches.map((m, i) => (
            <UnstyledButton
              key={m.username}
              role="option"
              aria-selected={i === active}
              className={classes.mention}
              display="block"
              w="100%"
              px="sm"
              py={4}
              // Keeps the caret in the box: the click would otherwise blur it before the pick.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(m)}
            >
              <Text size="sm" span fw={500}>
                @{m.username}
              </Text>{' '}
              <Text size="xs" span c="dimmed">
                {m.display_name} · {SIDE_LABEL[m.side]}
              </Text>
            </UnstyledButton>
          ))}
        </Paper>
      )}
    </div>
  );
}
