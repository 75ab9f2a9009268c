import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { aidUrl, type StatsFilter } from './stats-api.ts';

interface Aid {
  label: string;
  name: string;
  extra?: Record<string, string>;
}

/** The aids grouped by the hashcat attack mode they feed, each with a one-line hint. */
const MODES: { mode: string; hint: string; aids: Aid[] }[] = [
  {
    mode: '-a 0 (wordlist)',
    hint: 'Known secrets first, then the client vocabulary with a rule file (-r).',
    aids: [
      { label: 'Known secrets', name: 'known-secrets' },
      { label: 'Wordlist (all sources)', name: 'wordlist' },
      { label: 'Uncracked NTLM hashes', name: 'uncracked-hashes', extra: { hash_type: '1000' } },
      { label: 'PWDump (uncracked accounts)', name: 'pwdump' },
    ],
  },
  {
    mode: '-a 1 (combinator) / PRINCE',
    hint: 'Combine the pieces users build passwords from; pp64 takes the "all" list.',
    aids: [
      { label: 'Letters', name: 'parts', extra: { kind: 'letters' } },
      { label: 'Numbers', name: 'parts', extra: { kind: 'numbers' } },
      { label: 'Symbols', name: 'parts', extra: { kind: 'symbols' } },
      { label: 'All parts', name: 'parts', extra: { kind: 'all' } },
      { label: 'Numbers as append rules', name: 'parts', extra: { kind: 'numbers', format: 'rule' } },
      { label: 'All parts as append rules', name: 'parts', extra: { kind: 'all', format: 'rule' } },
    ],
  },
  {
    mode: '-a 6 (wordlist + mask)',
    hint: 'Words users append digits/symbols to, with the masks of what they append.',
    aids: [
      { label: 'Prefix wordlist', name: 'prefixes' },
      { label: 'Suffix masks', name: 'suffix-masks' },
    ],
  },
  {
    mode: '-a 7 (mask + wordlist)',
    hint: 'The same for digits/symbols put before a word.',
    aids: [
      { label: 'Prefix masks', name: 'prefix-masks' },
      { label: 'Suffix wordlist', name: 'suffixes' },
    ],
  },
  {
    mode: '-a 3 (mask)',
    hint: 'Masks ordered by keyspace per expected hit: stop when they stop paying off.',
    aids: [
      { label: 'Masklist (all)', name: 'masklist' },
      { label: 'Masklist (> 7 chars)', name: 'masklist', extra: { min_length: '8' } },
      { label: 'Masklist (> 8 chars)', name: 'masklist', extra: { min_length: '9' } },
    ],
  },
];

export function CrackingAids({ engagement, filter }: { engagement: string; filter: StatsFilter }) {
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        Cracking aids
      </Title>
      <Stack gap="sm">
        {MODES.map((m) => (
          <div key={m.mode}>
            <Text fw={600}>{m.mode}</Text>
            <Text size="sm" c="dimmed">
              {m.hint}
            </Text>
            <Group gap="md">
              {m.aids.map((a) => (
                <Anchor key={a.label} href={aidUrl(engagement, filter, a.name, a.extra)} download>
                  {a.label}
                </Anchor>
              ))}
            </Group>
          </div>
        ))}
      </Stack>
    </Card>
  );
}
