import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../lib/api-error.ts';
import { filenameFrom } from './clipboard.ts';

export interface FetchedReport {
  contentType: string;
  filename: string;
  blob: Blob;
  /** The body as text for text kinds (HTML, Markdown, JSON, SVG). */
  text: string | null;
}

const TEXT_TYPES = /^(text\/|application\/json|image\/svg\+xml)/;

/** Fetches a rendered report; a failure becomes the report's own message (e.g. its plugin's error). */
export function useReport(url: string | null) {
  return useQuery({
    queryKey: ['report', url],
    enabled: Boolean(url),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async ({ signal }): Promise<FetchedReport> => {
      const response = await fetch(url!, { credentials: 'same-origin', signal });
      if (!response.ok) {
        let body: { error?: string; message?: string } = {};
        try {
          body = await response.json();
        } catch {
          // Not JSON: use the status below.
        }
        throw new ApiError(
          response.status,
          body.error ?? 'http_error',
          body.message ?? `The report failed (${response.status}).`,
        );
      }
      const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
      const blob = await response.blob();
      return {
        contentType,
        filename: filenameFrom(response.headers.get('content-disposition'), 'report'),
        blob,
        text: TEXT_TYPES.test(contentType) ? await blob.text() : null,
      };
    },
  });
}
