import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { PreparingClient } from './prepared-statements';
import { TenantDatabase } from './tenant-database';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.appDatabaseUrl,
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        // Failed queries reach the exception filter, which logs 5xx without parameters (they may hold secrets).
        // LOG_SQL prints each statement with its parameters, outside production only.
        logging: config.env.LOG_SQL && config.env.NODE_ENV !== 'production' ? ['query' as const] : false,
        logger: 'simple-console' as const,
        extra: { max: 10, application_name: 'fieldwork', ...(config.env.DB_PREPARED_STATEMENTS ? { Client: PreparingClient } : {}) },
      }),
    }),
  ],
  providers: [TenantDatabase],
  exports: [TenantDatabase],
})
export class DatabaseModule {}
