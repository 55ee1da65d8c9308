import { Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { FileStore } from './file-store';
import { LocalFileStore } from './local-file-store';
import { S3FileStore } from './s3-file-store';

/** The store the configuration asks for: S3-compatible when S3_URL and S3_BUCKET are set, the local EXPORT_DIR otherwise. */
export function createFileStore(config: AppConfig): FileStore {
  if (config.fileStorage === 's3') {
    const env = config.env;
    return new S3FileStore({
      url: env.S3_URL as string,
      bucket: env.S3_BUCKET as string,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    });
  }
  return new LocalFileStore(config.exportDir);
}

/**
 * Provides the FileStore (one per process: Nest keeps a single instance of this
 * module however many modules import it). On S3 it makes sure the bucket exists at
 * boot; an unreachable store is logged, not fatal (downloads and exports fail with
 * a clear error until it is back, everything else keeps working).
 */
@Module({
  imports: [ConfigModule],
  providers: [{ provide: FileStore, useFactory: createFileStore, inject: [AppConfig] }],
  exports: [FileStore],
})
export class StorageModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('FileStore');

  constructor(private readonly store: FileStore) {}

  async onModuleInit(): Promise<void> {
    if (!(this.store instanceof S3FileStore)) return;
    try {
      await this.store.ensureBucket();
    } catch (error) {
      this.logger.error(`${this.store.describe()} is not reachable: ${(error as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    if (this.store instanceof S3FileStore) this.store.close();
  }
}
