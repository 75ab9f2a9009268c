import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';

/** Runs a C2 change, then refreshes the C2 lists and says what happened (or what went wrong). */
export function useC2Action<A extends unknown[], R>(run: (...args: A) => Promise<R>, done: (r: R) => string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: A) => run(...args),
    onSuccess: (r) => {
      for (const key of ['c2-sessions', 'c2-actions', 'c2-downloads', 'c2-exclusions'])
        client.invalidateQueries({ queryKey: [key] });
      notifications.show({ color: 'teal', message: done(r) });
    },
    onError: (e) => notifications.show({ color: 'red', message: e instanceof Error ? e.message : String(e) }),
  });
}
