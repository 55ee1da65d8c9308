import { Module } from '@nestjs/common';
import { IdentityModule } from '@fieldwork/server-identity';
import { CohortsController } from './cohorts.controller';
import { CohortsService } from './cohorts.service';
import { RosterImportService } from './roster/roster-import.service';

/** Cohorts, their members, and roster import. */
@Module({ imports: [IdentityModule], controllers: [CohortsController], providers: [CohortsService, RosterImportService] })
export class CohortsModule {}
