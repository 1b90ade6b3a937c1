import { Controller, Inject } from '@nestjs/common';
import { apiRoutes, PASS_CODE_LIFETIME_SECONDS } from '@openmsg/core';
import type { NodeInfo } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiRoute } from '../http/api-route';

@Controller()
export class NodeInfoController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Public: what the sign-up page and the composer need to know about this node. */
  @ApiRoute(apiRoutes.nodeInfo)
  info(): NodeInfo {
    const files = this.config.files;
    return {
      domain: this.config.domain,
      registration: this.config.accounts.registration,
      messageMaxChars: this.config.messageMaxChars,
      longMessageMaxChars: files.enabled ? files.longMessageMaxChars : this.config.messageMaxChars,
      files: files.enabled
        ? {
            maxFileBytes: files.maxFileBytes,
            maxFilesPerMessage: files.maxFilesPerMessage,
            accountQuotaBytes: files.accountQuotaBytes,
          }
        : null,
      passCodeLifetimeSeconds: PASS_CODE_LIFETIME_SECONDS,
    };
  }
}
