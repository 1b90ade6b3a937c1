import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ContactsModule } from '../contacts/contacts.module';
import { FilesModule } from '../files/files.module';
import { DataExportService } from './data-export.service';
import { ExportController } from './export.controller';
import { ExportRepository } from './export.repository';
import { ZipExportService } from './zip-export.service';

/** The user's own data, downloaded: GET /api/v1/me/export (JSON) and /me/export.zip (the JSON and the files). */
@Module({
  imports: [AccountsModule, ContactsModule, FilesModule],
  controllers: [ExportController],
  providers: [DataExportService, ExportRepository, ZipExportService],
})
export class ExportModule {}
