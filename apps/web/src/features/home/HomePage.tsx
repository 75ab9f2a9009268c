import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from 'react-router';
import { IconBriefcase } from '../../components/icons.tsx';
import { NAV_ITEMS } from '../../components/layout/nav-registry.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../auth/use-me.ts';
import classes from './home.module.css';

/** The landing page: where you are working and the areas you can open. */
export function HomePage() {
  const me = useMe();
  const current = me.engagements.find((e) => e.code === me.current_engagement);
  const areas = NAV_ITEMS.filter((item) => item.to !== '/' && item.visible(me));

  return (
    <Stack gap="xl">
      <PageHeader
        title={`Welcome, ${me.display_name || me.username}`}
        description="Where you are working, and the areas of Stepping Stones open to you."
      />
      <Card withBorder padding="lg" data-testid="current-engagement">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon size={44} radius="md" variant="light">
            <IconBriefcase size={24} />
          </ThemeIcon>
          {current ? (
            <Stack gap={2}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                Current engagement
              </Text>
              <Group gap="xs">
                <Title order={3}>{current.name}</Title>
                <Badge variant="outline">{current.code}</Badge>
                {current.archived && (
                  <Badge color="gray" variant="light">
                    Archived: read-only
                  </Badge>
                )}
              </Group>
            </Stack>
          ) : (
            <Stack gap={2}>
              <Title order={3}>No engagement selected</Title>
              <Text c="dimmed" size="sm">
                {me.engagements.length
                  ? 'Pick one with the engagement switcher at the top of the page.'
                  : 'You are not a member of any engagement yet. Ask an administrator to add you to one.'}
              </Text>
            </Stack>
          )}
        </Group>
      </Card>
      {areas.length > 0 && (
        <Stack gap="sm">
          <Title order={4}>Your areas</Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {areas.map((area) => (
              <Card
                key={area.to}
                component={Link}
                to={area.to}
                withBorder
                padding="md"
                className={classes.area}
              >
                <Group gap="sm" wrap="nowrap">
                  <ThemeIcon variant="light" size={36} radius="md">
                    <area.icon size={20} />
                  </ThemeIcon>
                  <Text fw={600}>{area.label}</Text>
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}
