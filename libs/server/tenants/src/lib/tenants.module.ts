import { Module } from '@nestjs/common';
import { IdentityModule } from '@fieldwork/server-identity';
import { PlatformController } from './platform.controller';
import { TenantsService } from './tenants.service';

@Module({
  imports: [IdentityModule],
  controllers: [PlatformController],
  providers: [TenantsService],
  exports: [TenantsService],
})
export class TenantsModule {}
