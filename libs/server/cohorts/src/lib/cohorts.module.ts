import { Module } from '@nestjs/common';
import { IdentityModule } from '@fieldwork/server-identity';
import { CohortsController } from './cohorts.controller';
import { CohortsService } from './cohorts.service';
import { RosterImportService } from './roster/roster-import.service';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { ApiTokenStrategy } from './api-tokens/api-token.strategy';

/** Cohorts, their members, roster sync, and the API tokens a registrar's job pushes rosters with. */
@Module({
  imports: [IdentityModule],
  controllers: [CohortsController, ApiTokensController],
  providers: [CohortsService, RosterImportService, ApiTokensService, ApiTokenStrategy],
})
export class CohortsModule {}
