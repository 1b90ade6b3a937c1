import { request } from 'node:http';
import { UPLOADS_PATH } from '@openmsg/core';
import * as tus from 'tus-js-client';
import type { ApiClient } from '../../peer-kit/api-client';
import type { InProcessNode } from '../kit/in-process-node';

/** Base64 of tus's Upload-Metadata values. */
export function uploadMetadata(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
}

/** Uploads with the real tus client over loopback HTTP; resolves to the attachment id (the upload URL's last segment). */
export function tusUpload(
  node: InProcessNode,
  user: ApiClient,
  bytes: Buffer,
  metadata: Record<string, string> = { filename: 'photo.jpg', filetype: 'image/jpeg' },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      endpoint: `${node.baseUrl}${UPLOADS_PATH}`,
      headers: { authorization: `Bearer ${user.token}` },
      metadata,
      retryDelays: null,
      onError: reject,
      onSuccess: () => resolve(upload.url!.split('/').pop()!),
    });
    upload.start();
  });
}

/** The status and body of a tus client's failure. */
export function tusFailure(error: unknown): { status: number; body: { error?: string } } {
  const response = (error as tus.DetailedError).originalResponse;
  const text = response?.getBody() ?? '';
  return { status: response?.getStatus() ?? 0, body: text.startsWith('{') ? JSON.parse(text) : {} };
}

/** Raw tus requests with an access token, for what the client library never sends (a wrong offset, a cut PATCH). */
export class RawTus {
  constructor(
    private readonly node: InProcessNode,
    private readonly user: ApiClient,
  ) {}

  async create(size: number, name = 'report.pdf', type = 'application/pdf'): Promise<Response> {
    return fetch(`${this.node.baseUrl}${UPLOADS_PATH}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.user.token}`,
        'tus-resumable': '1.0.0',
        'upload-length': String(size),
        'upload-metadata': uploadMetadata({ filename: name, filetype: type }),
      },
    });
  }

  /** Creates an upload and answers its id. */
  async created(size: number): Promise<string> {
    const response = await this.create(size);
    if (response.status !== 201) throw new Error(`upload not created: ${response.status} ${await response.text()}`);
    return response.headers.get('location')!.split('/').pop()!;
  }

  patch(id: string, offset: number, body: Buffer): Promise<Response> {
    return fetch(`${this.node.baseUrl}${UPLOADS_PATH}/${id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${this.user.token}`,
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body,
    });
  }

  async offset(id: string): Promise<{ status: number; offset: number }> {
    const response = await fetch(`${this.node.baseUrl}${UPLOADS_PATH}/${id}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${this.user.token}`, 'tus-resumable': '1.0.0' },
    });
    return { status: response.status, offset: Number(response.headers.get('upload-offset')) };
  }

  delete(id: string): Promise<Response> {
    return fetch(`${this.node.baseUrl}${UPLOADS_PATH}/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${this.user.token}`, 'tus-resumable': '1.0.0' },
    });
  }

  /** A PATCH announcing `declared` bytes whose connection is cut after `sent` of them. */
  cutPatch(id: string, offset: number, bytes: Buffer, sent: number): Promise<void> {
    return new Promise((resolve) => {
      const url = new URL(`${this.node.baseUrl}${UPLOADS_PATH}/${id}`);
      const cut = request(url, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${this.user.token}`,
          'tus-resumable': '1.0.0',
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
          'content-length': String(bytes.length),
        },
      });
      cut.on('error', () => resolve());
      cut.write(bytes.subarray(0, sent), () => setTimeout(() => cut.destroy(), 200));
      cut.on('close', () => resolve());
    });
  }
}
