import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuthFailuresRepository } from './auth-failures.repository';
import { PassCodesController } from './passcodes.controller';
import { PassCodesRepository } from './passcodes.repository';
import { PassCodesService } from './passcodes.service';

@Module({
  imports: [AccountsModule],
  controllers: [PassCodesController],
  providers: [AuthFailuresRepository, PassCodesRepository, PassCodesService],
  exports: [AuthFailuresRepository, PassCodesService],
})
export class PassCodesModule {}
