import { Global, Module } from '@nestjs/common';
import { ApiAuthGuard } from './api-auth.guard';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';

@Global()
@Module({
  providers: [ApiTokensRepository, ApiTokensService, ApiAuthGuard],
  exports: [ApiTokensService, ApiAuthGuard],
})
export class ApiTokensModule {}
