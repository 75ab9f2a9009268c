import { useNavigate, useParams } from 'react-router';
import { CloneDraftDrawer } from '../events/form/CloneDraftDrawer.tsx';
import { cloneLine, fetchDraft, LINES_KEY } from './eventstream-api.ts';

/** Clone to event from an EventStream line (the `:lineId/clone` route): the shared review drawer. */
export function CloneDrawer() {
  const id = Number(useParams().lineId);
  const navigate = useNavigate();
  return (
    <CloneDraftDrawer
      queryKey={['eventstream-draft', id]}
      fetchDraft={() => fetchDraft(id)}
      readingLabel="Reading the line…"
      save={(fields) => cloneLine(id, fields)}
      refresh={[LINES_KEY]}
      onClose={() => navigate('/eventstream')}
    />
  );
}
