import { Module } from '@nestjs/common';
import { PassCodesController } from './passcodes.controller';
import { PassCodesRepository } from './passcodes.repository';
import { PassCodesService } from './passcodes.service';

@Module({
  controllers: [PassCodesController],
  providers: [PassCodesRepository, PassCodesService],
  exports: [PassCodesService],
})
export class PassCodesModule {}
