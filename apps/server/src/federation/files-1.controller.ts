import { Body, Controller, Inject, Post, Res, UseFilters } from '@nestjs/common';
import { FILES_1_FETCH_PATH, FILES_1_RECEIPT_PATH } from '@openmsg/core';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Files1Refusal } from '../file-transfer/file-serving.service';
import { FileReceiptsService } from '../file-transfer/file-receipts.service';
import { FileServingService } from '../file-transfer/file-serving.service';
import { FILE_CHUNK_SIZE } from '../files/file-cipher';
import { Files1ExceptionFilter } from './files-1-exception.filter';

/** What the answer's stream holds ahead of the socket: two chunks, so a slow receiver holds the reads back. */
const STREAM_HIGH_WATER_MARK = 2 * FILE_CHUNK_SIZE;

/**
 * The files-1 extension's two endpoints (docs/extensions/files.md §4, §8), beside v1.0's. Unlike those, an outcome
 * is an HTTP status: 200 with the sealed chunks or `{"success": true}`, else 4xx/5xx with the error body. With
 * OPENMSG_FILES off they do not exist: the answer is an unknown path's.
 */
@Controller()
@UseFilters(Files1ExceptionFilter)
export class Files1Controller {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly serving: FileServingService,
    private readonly receipts: FileReceiptsService,
  ) {}

  @Post(FILES_1_FETCH_PATH)
  async fetch(@Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    if (!this.config.files.enabled) return reply.callNotFound();
    const served = await this.serving.open(body);
    if (!served.ok) return refuse(reply, served);
    await reply
      .status(200)
      .header('content-type', 'application/octet-stream')
      .header('content-length', String(served.length))
      .header('cache-control', 'no-store')
      .send(Readable.from(served.chunks, { objectMode: false, highWaterMark: STREAM_HIGH_WATER_MARK }));
  }

  @Post(FILES_1_RECEIPT_PATH)
  async receipt(@Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    if (!this.config.files.enabled) return reply.callNotFound();
    const answered = await this.receipts.receive(body);
    if (!answered.ok) return refuse(reply, answered);
    await reply.status(200).send(answered.reply);
  }
}

async function refuse(reply: FastifyReply, refusal: Files1Refusal): Promise<void> {
  await reply.status(refusal.status).send(refusal.reply);
}
