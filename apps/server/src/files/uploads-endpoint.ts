import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type ApiErrorCode, UPLOADS_PATH } from '@openmsg/core';
import { Server as TusServer } from '@tus/server';
import { ERRORS } from '@tus/utils';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { v7 as timeOrderedUuid } from 'uuid';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { apiErrorBody } from '../http/api-error';
import { csrfHolds, RequestAuthenticator } from '../http/api-auth.guard';
import { FILE_CHUNK_SIZE } from './file-cipher';
import { uploadAccount } from './upload-account';
import { DatabaseUploadStore, uploadError } from './upload-store';

const TUS_METHODS = ['POST', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * The tus 1.0 upload endpoint (UPLOADS_PATH, @tus/server over DatabaseUploadStore), behind the client API's auth:
 * an access token, or the session cookie with its CSRF header on every request that changes something. tus is not a
 * JSON route of the contract, so it is mounted on Fastify beside the controllers; the body parser leaves its bodies
 * unread (http/body-parsing.ts) for tus to stream.
 */
@Injectable()
export class UploadsEndpoint implements OnModuleInit {
  private readonly tus: TusServer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: RequestAuthenticator,
    store: DatabaseUploadStore,
  ) {
    this.tus = new TusServer({
      path: UPLOADS_PATH,
      datastore: store,
      relativeLocation: true,
      maxSize: config.files.maxFileBytes,
      namingFunction: () => timeOrderedUuid(),
      onIncomingRequest: async (request) => this.refuseUnalignedPatch(request),
      onResponseError: (_request, error) => tusErrorAsApiError(error),
    });
  }

  onModuleInit(): void {
    // The admin CLI runs these modules without an HTTP server: nothing to mount then.
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const handler = (request: FastifyRequest, reply: FastifyReply) => this.handle(request, reply);
    fastify.route({ method: [...TUS_METHODS], url: UPLOADS_PATH, handler });
    fastify.route({ method: [...TUS_METHODS], url: `${UPLOADS_PATH}/:id`, handler });
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const identity = await this.authenticator.identify(request);
    const refusal: ApiErrorCode | null = !identity
      ? 'unauthenticated'
      : !csrfHolds(request, identity)
        ? 'csrf_failed'
        : !this.config.files.enabled
          ? 'files_disabled'
          : null;
    if (refusal || !identity) {
      const body = apiErrorBody(refusal ?? 'unauthenticated');
      await reply.code(body.statusCode).header('cache-control', 'no-store').send(body);
      return;
    }
    reply.hijack();
    reply.raw.setHeader('cache-control', 'no-store');
    await uploadAccount.run(identity.account.id, () => this.tus.handle(request.raw, reply.raw));
  }

  /** Only whole chunks are stored (DatabaseUploadStore): a PATCH must end on a chunk boundary or at the file's end. */
  private async refuseUnalignedPatch(request: Request): Promise<void> {
    if (request.method !== 'PATCH') return;
    const offset = Number(request.headers.get('upload-offset'));
    const length = Number(request.headers.get('content-length') ?? NaN);
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length)) return;
    const end = offset + length;
    const id = new URL(request.url).pathname.split('/').pop() ?? '';
    const upload = await this.tusStoreUpload(id);
    if (upload && upload.size !== undefined && end < upload.size && end % FILE_CHUNK_SIZE !== 0)
      throw uploadError(
        'validation_failed',
        `a PATCH must end at a multiple of ${FILE_CHUNK_SIZE} bytes or at the end of the file`,
      );
  }

  private async tusStoreUpload(id: string) {
    try {
      return await this.tus.datastore.getUpload(id);
    } catch {
      return null;
    }
  }
}

/** tus's own refusals in the client API's error shape, so the inbox reads a code whatever refused the upload. */
function tusErrorAsApiError(error: Error | { status_code: number; body: string }) {
  if (!('status_code' in error)) return undefined;
  if (error.body.startsWith('{')) return error;
  if (error === ERRORS.ERR_MAX_SIZE_EXCEEDED) return uploadError('attachment_too_large');
  if (error === ERRORS.FILE_NOT_FOUND) return uploadError('not_found');
  return error;
}
