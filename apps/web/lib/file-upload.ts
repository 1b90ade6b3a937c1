import { DefaultHttpStack, DetailedError, type HttpStack, Upload } from 'tus-js-client';
import { CSRF_COOKIE, CSRF_HEADER, UPLOAD_METADATA, UPLOADS_PATH } from '@openmsg/core/api';
import { uploadErrorSentence } from './upload-errors';

/**
 * Each PATCH carries at most this much: a dropped connection loses at most one request's worth, and it is a
 * whole number of the node's 256 KiB chunks.
 */
const PATCH_BYTES = 8 * 1024 * 1024;

export interface UploadHandlers {
  onProgress: (sentBytes: number) => void;
  onUploaded: (attachmentId: string) => void;
  onFailed: (sentence: string) => void;
}

/** One file's upload (tus 1.0 at UPLOADS_PATH), with the session's CSRF header on every request. */
export interface FileUpload {
  /** Starts, or after a failure resumes from the offset the node holds (HEAD). */
  start(): void;
  /** Stops and deletes what the node holds of it (tus DELETE), which frees its room in the quota. */
  cancel(): Promise<void>;
}

export function startFileUpload(
  file: File,
  options: { name: string; keepLocation: boolean },
  handlers: UploadHandlers,
): FileUpload {
  const tusOptions = {
    endpoint: UPLOADS_PATH,
    httpStack: sameOriginStack,
    chunkSize: PATCH_BYTES,
    retryDelays: [0, 1000, 3000, 5000],
    // The composer keeps its uploads for this page; nothing about them goes to localStorage.
    storeFingerprintForResuming: false,
    metadata: {
      [UPLOAD_METADATA.name]: options.name,
      [UPLOAD_METADATA.type]: file.type || 'application/octet-stream',
      ...(options.keepLocation ? { [UPLOAD_METADATA.keepLocation]: '1' } : {}),
    },
    onBeforeRequest: (request: { getMethod(): string; setHeader(name: string, value: string): void }) => {
      const csrf = csrfToken();
      if (csrf && request.getMethod() !== 'HEAD') request.setHeader(CSRF_HEADER, csrf);
    },
    onProgress: (sent: number) => handlers.onProgress(sent),
    onSuccess: () => {
      const id = attachmentIdOf(upload.url);
      if (id) handlers.onUploaded(id);
      else handlers.onFailed(`${options.name} did not upload: the node gave no id for it. Try again.`);
    },
    onError: (error: Error) => {
      const response = error instanceof DetailedError ? error.originalResponse : null;
      handlers.onFailed(
        uploadErrorSentence(options.name, response ? { status: response.getStatus(), body: response.getBody() } : null),
      );
    },
  };
  const upload = new Upload(file, tusOptions);
  return {
    start: () => upload.start(),
    cancel: async () => {
      if (upload.url) await upload.abort(true).catch(() => undefined);
      else await upload.abort(false);
    },
  };
}

/** Deletes a finished upload that was not sent (Remove on a file chip). */
export async function deleteUpload(attachmentId: string): Promise<void> {
  await Upload.terminate(`${UPLOADS_PATH}/${attachmentId}`, {
    httpStack: sameOriginStack,
    retryDelays: [0, 1000],
    onBeforeRequest: (request) => {
      const csrf = csrfToken();
      if (csrf) request.setHeader(CSRF_HEADER, csrf);
    },
  }).catch(() => undefined); // the node forgets unsent uploads after a while anyway
}

/**
 * The browser talks to one origin only (the inbox's proxy, or Caddy in front of both): an upload URL the node
 * built from the host it saw (its own address, behind the proxy) is asked on this origin, at the same path.
 */
export function sameOriginUploadUrl(url: string, origin: string): string {
  const parsed = new URL(url, origin);
  return parsed.pathname.startsWith(UPLOADS_PATH) ? `${origin}${parsed.pathname}${parsed.search}` : url;
}

const defaultStack = new DefaultHttpStack({});
const sameOriginStack: HttpStack = {
  createRequest: (method, url) => defaultStack.createRequest(method, sameOriginUploadUrl(url, window.location.origin)),
  getName: () => 'same-origin',
};

/** The upload's URL ends with the attachment's id (UPLOADS_PATH/<id>), which the send names. */
export function attachmentIdOf(url: string | null): string | null {
  if (!url) return null;
  const last = new URL(url, 'http://inbox.invalid').pathname.split('/').filter(Boolean).at(-1) ?? '';
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(last) ? last.toLowerCase() : null;
}

function csrfToken(): string | undefined {
  const entry = document.cookie.split('; ').find((candidate) => candidate.startsWith(`${CSRF_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(CSRF_COOKIE.length + 1)) : undefined;
}
