import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

function ErrorPage({ code, title, message }: { code: string; title: string; message: string }) {
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={480}>
        <Text fw={800} fz={64} c="dimmed" lh={1}>
          {code}
        </Text>
        <Title order={2} ta="center">
          {title}
        </Title>
        <Text c="dimmed" ta="center">
          {message}
        </Text>
        <Button component={Link} to="/" variant="light" mt="sm">
          Back to the home page
        </Button>
      </Stack>
    </Center>
  );
}

export function ForbiddenPage() {
  return (
    <ErrorPage
      code="403"
      title="You don't have access to this page"
      message="Your account lacks the permission this page needs. Ask an administrator if you should have it."
    />
  );
}

export function NotFoundPage() {
  return (
    <ErrorPage
      code="404"
      title="Page not found"
      message="There is nothing at this address, or it belongs to an engagement you are not a member of."
    />
  );
}

/** Shown when rendering a route throws: a message, never a stack trace. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <ErrorPage
      code="Oops"
      title="Something went wrong"
      message="This page failed to display. Reload the page; if it keeps happening, tell your administrator."
    />
  );
}
