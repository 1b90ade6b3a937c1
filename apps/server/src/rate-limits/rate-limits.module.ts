import { Module } from '@nestjs/common';
import { CappedAttemptsRepository } from './capped-attempts.repository';

@Module({
  providers: [CappedAttemptsRepository],
  exports: [CappedAttemptsRepository],
})
export class RateLimitsModule {}
