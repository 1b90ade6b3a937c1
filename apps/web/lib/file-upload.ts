import type { HttpRequest, HttpStack } from 'tus-js-client';
import { CSRF_COOKIE, CSRF_HEADER, UPLOAD_METADATA, UPLOADS_PATH } from '@openmsg/core/api';
import type { Translator } from '@/i18n/translator';
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

/** tus-js-client loads with the first file attached, not with the inbox (it is most of the uploads' weight). */
const loadTus = () => import('tus-js-client');
type Tus = Awaited<ReturnType<typeof loadTus>>;

export function startFileUpload(
  file: File,
  options: { name: string; keepLocation: boolean; t: Translator<'files'> },
  handlers: UploadHandlers,
): FileUpload {
  let stopped = false;
  const made = loadTus().then((tus) => {
    const upload: InstanceType<Tus['Upload']> = new tus.Upload(file, {
      endpoint: UPLOADS_PATH,
      httpStack: sameOriginStack(tus),
      chunkSize: PATCH_BYTES,
      retryDelays: [0, 1000, 3000, 5000],
      // The composer keeps its uploads for this page; nothing about them goes to localStorage.
      storeFingerprintForResuming: false,
      metadata: {
        [UPLOAD_METADATA.name]: options.name,
        [UPLOAD_METADATA.type]: file.type || 'application/octet-stream',
        ...(options.keepLocation ? { [UPLOAD_METADATA.keepLocation]: '1' } : {}),
      },
      onBeforeRequest: withCsrf,
      onProgress: (sent) => handlers.onProgress(sent),
      onSuccess: () => {
        const id = attachmentIdOf(upload.url);
        if (id) handlers.onUploaded(id);
        else handlers.onFailed(options.t('upload.noId', { name: options.name }));
      },
      onError: (error) => {
        const response = error instanceof tus.DetailedError ? error.originalResponse : null;
        handlers.onFailed(
          uploadErrorSentence(
            options.name,
            response ? { status: response.getStatus(), body: response.getBody() } : null,
            options.t,
          ),
        );
      },
    });
    return upload;
  });
  return {
    start: () =>
      void made.then(
        (upload) => stopped || upload.start(),
        () => handlers.onFailed(uploadErrorSentence(options.name, null, options.t)),
      ),
    cancel: async () => {
      stopped = true;
      const upload = await made.catch(() => null);
      if (upload?.url) await upload.abort(true).catch(() => undefined);
      else await upload?.abort(false);
    },
  };
}

/** Deletes a finished upload that was not sent (Remove on a file chip). */
export async function deleteUpload(attachmentId: string): Promise<void> {
  const tus = await loadTus();
  await tus.Upload.terminate(`${UPLOADS_PATH}/${attachmentId}`, {
    httpStack: sameOriginStack(tus),
    retryDelays: [0, 1000],
    onBeforeRequest: withCsrf,
  }).catch(() => undefined); // the node forgets unsent uploads after a while anyway
}

/** The session's CSRF header on every request of an upload (the node asks it on all but HEAD). */
function withCsrf(request: HttpRequest): void {
  const csrf = csrfToken();
  if (csrf) request.setHeader(CSRF_HEADER, csrf);
}

/**
 * The browser talks to one origin only (the inbox's proxy, or Caddy in front of both): an upload URL the node
 * built from the host it saw (its own address, behind the proxy) is asked on this origin, at the same path.
 */
export function sameOriginUploadUrl(url: string, origin: string): string {
  const parsed = new URL(url, origin);
  return parsed.pathname.startsWith(UPLOADS_PATH) ? `${origin}${parsed.pathname}${parsed.search}` : url;
}

function sameOriginStack(tus: Tus): HttpStack {
  const stack = new tus.DefaultHttpStack({});
  return {
    createRequest: (method, url) => stack.createRequest(method, sameOriginUploadUrl(url, window.location.origin)),
    getName: () => 'same-origin',
  };
}

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
