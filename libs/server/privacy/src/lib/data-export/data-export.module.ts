import { Module } from '@nestjs/common';
import { StorageModule } from '@fieldwork/server-core';
import { DataExportController } from './data-export.controller';
import { DataExportFiles } from './data-export-files';
import { DataExportJobs } from './data-export-jobs';
import { DataExportService } from './data-export.service';

/** DataExport: the API side ("download my data": request, progress, download). */
@Module({ imports: [StorageModule], controllers: [DataExportController], providers: [DataExportService, DataExportFiles] })
export class DataExportModule {}

/** DataExport: the worker side (the `data-exports` queue: building ZIPs, the daily sweep). */
@Module({ imports: [StorageModule], providers: [DataExportJobs, DataExportFiles], exports: [DataExportJobs] })
export class DataExportJobsModule {}
