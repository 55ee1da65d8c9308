import { Module } from '@nestjs/common';
import { StorageModule } from '@fieldwork/server-core';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { ExportFiles } from './export-files';
import { ExportJobs } from './export-jobs';

/** Export requests, progress and downloads (API). */
@Module({ imports: [StorageModule], controllers: [ExportsController], providers: [ExportsService, ExportFiles] })
export class ExportsModule {}

/** The export jobs (writing files, expiring them); imported by the worker app only. */
@Module({ imports: [StorageModule], providers: [ExportJobs, ExportFiles], exports: [ExportJobs] })
export class ExportJobsModule {}
