import { Badge, Code, CopyButton, Table, Tooltip } from '@mantine/core';
import type { CredentialDto } from '@steppingstones/shared/credentials';

const short = (hash: string) => (hash.length > 40 ? `${hash.slice(0, 36)}…` : hash);

/** Credentials found somewhere (an event, a line, a C2 action): account, type, the hash to copy, cracked. */
export function FoundCredentialsTable({ results }: { results: CredentialDto[] }) {
  return (
    <Table striped withRowBorders={false} verticalSpacing={4} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Account</Table.Th>
          <Table.Th>Type</Table.Th>
          <Table.Th>Hash</Table.Th>
          <Table.Th>Cracked</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {results.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>{c.system ? `${c.system}\\${c.account}` : c.account}</Table.Td>
            <Table.Td>{c.hash_type_name ?? 'Cleartext'}</Table.Td>
            <Table.Td>
              {c.hash ? (
                <CopyButton value={c.hash}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? 'Copied' : 'Copy the hash'}>
                      <Code component="button" onClick={copy} style={{ cursor: 'pointer', border: 0 }}>
                        {short(c.hash)}
                      </Code>
                    </Tooltip>
                  )}
                </CopyButton>
              ) : (
                '-'
              )}
            </Table.Td>
            <Table.Td>
              {c.has_secret ? (
                <Badge color="green" variant="light">
                  cracked
                </Badge>
              ) : (
                <Badge color="gray" variant="light">
                  no
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
