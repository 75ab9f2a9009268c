import { Alert, Button, List, Menu, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { IconChevronDown } from '../../components/icons.tsx';
import { FormError } from '../../components/QueryState.tsx';
import { errorMessage } from '../../lib/api-error.ts';
import { plural } from '../../lib/plural.ts';
import { EVENTS_KEY } from '../events/api/events-api.ts';
import { exportHref, type ImportReport, importCsv } from './exchange-api.ts';

/**
 * Toolbar menu: download the filtered events as CSV, XLSX or PDF, or import a CSV of the same columns and
 * see, per line, what was added, skipped (already there) or rejected and why.
 */
export function ExportImportMenu({
  engagement,
  filterQuery,
  canImport,
}: {
  engagement: string;
  /** The grid filter as URL query (`filterToSearchParams(filter).toString()`). */
  filterQuery: string;
  canImport: boolean;
}) {
  const client = useQueryClient();
  const [report, setReport] = useState<ImportReport | null>(null);
  // Outside the menu: the dropdown unmounts when it closes, which would drop a file input inside it.
  const fileInput = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (file: File) => importCsv(engagement, file),
    onSuccess: async (r) => {
      setReport(r);
      await client.invalidateQueries({ queryKey: EVENTS_KEY });
    },
  });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />} loading={upload.isPending}>
            Export / import
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Export the events matching the filter</Menu.Label>
          <Menu.Item component="a" href={exportHref(engagement, 'csv', filterQuery)} download>
            Export CSV
          </Menu.Item>
          <Menu.Item component="a" href={exportHref(engagement, 'xlsx', filterQuery)} download>
            Export XLSX
          </Menu.Item>
          <Menu.Item component="a" href={exportHref(engagement, 'pdf', filterQuery)} download>
            Export PDF (to read or print)
          </Menu.Item>
          {canImport && (
            <>
              <Menu.Divider />
              <Menu.Item onClick={() => fileInput.current?.click()}>Import CSV…</Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <input
        ref={fileInput}
        type="file"
        accept=".csv,text/csv"
        hidden
        aria-label="CSV file to import"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) upload.mutate(file);
        }}
      />
      <Modal
        opened={report !== null || upload.isError}
        onClose={() => {
          setReport(null);
          upload.reset();
        }}
        title="Import report"
        size="lg"
      >
        {upload.isError ? (
          <FormError message={errorMessage(upload.error)} />
        ) : (
          report && <ImportReportView report={report} />
        )}
      </Modal>
    </>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <Stack gap="sm" data-testid="import-report">
      <Alert color={report.rejected.length ? 'yellow' : 'green'} variant="light">
        {plural(report.added, 'event')} added, {report.skipped.length} skipped, {report.rejected.length}{' '}
        rejected.
      </Alert>
      <LineList title="Rejected" lines={report.rejected} />
      <LineList title="Skipped" lines={report.skipped} />
    </Stack>
  );
}

function LineList({ title, lines }: { title: string; lines: Array<{ line: number; reason: string }> }) {
  if (lines.length === 0) return null;
  return (
    <div>
      <Text fw={600} size="sm">
        {title}
      </Text>
      <List size="sm" spacing={2}>
        {lines.map((l) => (
          <List.Item key={`${l.line}-${l.reason}`}>
            Line {l.line}: {l.reason}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
