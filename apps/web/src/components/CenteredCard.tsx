import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './centered-card.module.css';
import { IconStones } from './icons.tsx';

/** The frame of the pages shown before signing in (login, first-run setup). */
export function CenteredCard({
  title,
  subtitle,
  width = 420,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Center className={classes.page} p="md">
      <Box w="100%" maw={width}>
        <Group justify="center" gap="xs" mb="lg">
          <span className={classes.mark}>
            <IconStones size={34} />
          </span>
          <Text fw={700} fz="xl">
            Stepping Stones
          </Text>
        </Group>
        <Paper withBorder shadow="sm" p="xl">
          <Stack gap={4} mb="lg">
            <Title order={2} fz="h3">
              {title}
            </Title>
            {subtitle && (
              <Text c="dimmed" size="sm">
                {subtitle}
              </Text>
            )}
          </Stack>
          {children}
        </Paper>
      </Box>
    </Center>
  );
}
