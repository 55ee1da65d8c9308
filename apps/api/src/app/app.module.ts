import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiExceptionFilter, AppLoggerModule, CoreModule, JwtAuthGuard, RolesGuard } from '@fieldwork/server-core';
import { IdentityModule } from '@fieldwork/server-identity';
import { TenantsModule } from '@fieldwork/server-tenants';
import { CohortsModule } from '@fieldwork/server-cohorts';
import { HomeworkModule } from '@fieldwork/server-homework';
import { NetworkModule } from '@fieldwork/server-network';
import { NotificationsModule } from '@fieldwork/server-notifications';
import { ExportsModule } from '@fieldwork/server-exports';
import { AuditLogModule } from '@fieldwork/server-audit';
import { DashboardsModule } from '@fieldwork/server-dashboards';
import { PrivacyModule } from '@fieldwork/server-privacy';
import { HealthController } from './health.controller';
import { QueueBoardModule } from './queue-board/queue-board';

@Module({
  imports: [
    CoreModule,
    AppLoggerModule,
    IdentityModule,
    TenantsModule,
    CohortsModule,
    HomeworkModule,
    NetworkModule,
    NotificationsModule,
    ExportsModule,
    AuditLogModule,
    DashboardsModule,
    PrivacyModule,
    QueueBoardModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
  ],
})
export class AppModule {}
