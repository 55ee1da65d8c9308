import { DataExportFiles } from '../data-export/data-export-files';
import { Module } from '@nestjs/common';
import { StorageModule } from '@fieldwork/server-core';
import { DeletionRequestsController, MyDeletionRequestController } from './deletion-requests.controller';
import { DeletionRequestsService } from './deletion-requests.service';
import { ErasureJobs } from './erasure-jobs';

/** Erasure: the API side (controllers and services). */
@Module({ controllers: [MyDeletionRequestController, DeletionRequestsController], providers: [DeletionRequestsService] })
export class ErasureModule {}

/** Erasure: the worker side (its queue's processor and schedules). */
@Module({ imports: [StorageModule], providers: [ErasureJobs, DataExportFiles], exports: [ErasureJobs] })
export class ErasureJobsModule {}
