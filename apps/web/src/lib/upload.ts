import { apiUrl, getCsrfToken } from './api-client.ts';
import { ApiError } from './api-error.ts';

export interface UploadOptions<T> {
  /**
   * Follows a 202 answer whose body names the running import (`url`) to its result; without it a 202
   * is an error like any other status but 200.
   */
  followAccepted?: (url: string) => Promise<T>;
  /** Whether the fallback message of a non-JSON error names the status text as well as the code. */
  statusText?: boolean;
  /** The fallback message's opening, before the status (default: an import). */
  failure?: string;
}

/**
 * POSTs a body as the raw request (never multipart), reporting upload progress (0..1). XHR rather than
 * fetch because only XHR reports upload progress; the headers, CSRF token and error mapping match `api`.
 */
export function uploadWithProgress<T>(
  path: string,
  body: File | Blob | string,
  contentType: string,
  onProgress: (fraction: number) => void,
  options: UploadOptions<T> = {},
): Promise<T> {
  const { followAccepted, statusText = true, failure = 'The import failed' } = options;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let parsed: { message?: string; error?: string; url?: string } = {};
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status says what happened
      }
      // 201: a created record (an attachment); 200: an import's result.
      if (xhr.status === 200 || xhr.status === 201) resolve(parsed as T);
      else if (xhr.status === 202 && parsed.url && followAccepted)
        void followAccepted(parsed.url).then(resolve, reject);
      else {
        const status = statusText ? `${xhr.status} ${xhr.statusText}` : String(xhr.status);
        reject(
          new ApiError(xhr.status, parsed.error ?? 'http_error', parsed.message ?? `${failure} (${status}).`),
        );
      }
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'The upload was interrupted. Check the connection and try again.'));
    xhr.send(body);
  });
}
