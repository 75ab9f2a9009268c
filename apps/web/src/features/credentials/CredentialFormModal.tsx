import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { type CredentialDto, HASH_TYPES } from '@steppingstones/shared/credentials';
import { useState } from 'react';
import { FormError } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { createCredential, updateCredential } from './credentials-api.ts';

/** Add a credential by hand, or edit one (its secret is shown only once revealed). */
export function CredentialFormModal({
  engagement,
  editing,
  revealedSecret,
  onClose,
  onSaved,
}: {
  engagement: string;
  editing: CredentialDto | null;
  revealedSecret: string | null | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [f, setF] = useState({
    system: editing?.system ?? '',
    account: editing?.account ?? '',
    hash: editing?.hash ?? '',
    hash_type:
      editing?.hash_type === null || editing?.hash_type === undefined ? '1000' : String(editing.hash_type),
    secret: revealedSecret ?? '',
    purpose: editing?.purpose ?? '',
    source: editing?.source ?? '',
    enabled: editing?.enabled ?? true,
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const secretKnown = !editing?.has_secret || revealedSecret !== undefined;
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) =>
    setF((x) => ({ ...x, [k]: e.currentTarget.value }));

  const save = async () => {
    setSaving(true);
    setError(null);
    const body = {
      system: f.system,
      account: f.account,
      hash: f.hash,
      hash_type: f.hash ? Number(f.hash_type) : null,
      purpose: f.purpose,
      source: f.source || null,
      enabled: f.enabled,
      ...(secretKnown ? { secret: f.secret === '' && !editing?.has_secret ? null : f.secret } : {}),
    };
    try {
      if (editing) await updateCredential(editing.id, body);
      else await createCredential(engagement, body);
      onSaved();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={editing ? 'Edit credential' : 'Add credential'} size="lg">
      <Stack>
        <Group grow>
          <TextInput label="System" value={f.system} onChange={set('system')} />
          <TextInput label="Account" required value={f.account} onChange={set('account')} />
        </Group>
        <TextInput label="Hash" ff="monospace" value={f.hash} onChange={set('hash')} />
        <Select
          label="Hash type"
          data={HASH_TYPES.map((t) => ({ value: String(t.mode), label: `${t.name} (${t.mode})` }))}
          value={f.hash_type}
          onChange={(v) => setF((x) => ({ ...x, hash_type: v ?? '-1' }))}
          searchable
          disabled={!f.hash}
        />
        <TextInput
          label="Secret"
          description={secretKnown ? 'Leave empty when unknown' : 'Reveal the secret first to change it'}
          value={f.secret}
          onChange={set('secret')}
          disabled={!secretKnown}
        />
        <TextInput label="Purpose" value={f.purpose} onChange={set('purpose')} />
        <TextInput label="Source" value={f.source} onChange={set('source')} />
        <Checkbox
          label="Enabled"
          checked={f.enabled}
          onChange={(e) => setF((x) => ({ ...x, enabled: e.currentTarget.checked }))}
        />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={saving} onClick={() => void save()} disabled={!f.account.trim()}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
