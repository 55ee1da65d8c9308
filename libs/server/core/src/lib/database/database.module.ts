import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { PreparingClient } from './prepared-statements';
import { TenantDatabase } from './tenant-database';

/**
 * How the pool behaves when PostgreSQL restarts or stalls: a connection (or a
 * wait for a free one) gives up after 5 s rather than hanging the request, so the
 * exception filter answers 503 quickly; a session that sits in an open
 * transaction for 5 minutes is ended by the server (its locks freed); TCP
 * keep-alive notices a peer that vanished without a FIN. A dead pooled client
 * is discarded by pg-pool and the next checkout connects again, so the API and
 * worker recover without a restart.
 */
export const POOL_FAULT_OPTIONS = {
  connectionTimeoutMillis: 5_000,
  idle_in_transaction_session_timeout: 300_000,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
} as const;

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
        extra: { max: 10, application_name: 'fieldwork', ...POOL_FAULT_OPTIONS, ...(config.env.DB_PREPARED_STATEMENTS ? { Client: PreparingClient } : {}) },
      }),
    }),
  ],
  providers: [TenantDatabase],
  exports: [TenantDatabase],
})
export class DatabaseModule {}
