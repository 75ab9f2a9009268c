import { CloneDraftDrawer } from '../events/form/CloneDraftDrawer.tsx';
import { type C2CloneKind, cloneC2Record, fetchC2Draft } from './c2-api.ts';

const READING: Record<C2CloneKind, string> = {
  actions: 'Reading the action…',
  downloads: 'Reading the download…',
  sessions: 'Reading the session…',
};

/** Clone to event from a C2 action, download or session: the shared review drawer over its draft. */
export function C2CloneDrawer({ kind, id, onClose }: { kind: C2CloneKind; id: number; onClose: () => void }) {
  return (
    <CloneDraftDrawer
      queryKey={['c2-draft', kind, id]}
      fetchDraft={() => fetchC2Draft(kind, id)}
      readingLabel={READING[kind]}
      save={(fields) => cloneC2Record(kind, id, fields)}
      refresh={[['c2-sessions'], ['c2-actions'], ['c2-downloads']]}
      onClose={onClose}
    />
  );
}
