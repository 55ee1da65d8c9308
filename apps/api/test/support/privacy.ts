import { Module } from '@nestjs/common';
import * as yauzl from 'yauzl';
import { CoreModule, OutboxRelayModule } from '@fieldwork/server-core';
import { PrivacyJobsModule } from '@fieldwork/server-privacy';

/** The worker's privacy side, as apps/worker composes it: core, the outbox relay and the privacy jobs. */
@Module({ imports: [CoreModule, OutboxRelayModule, PrivacyJobsModule] })
export class PrivacyWorkerModule {}

/** Every entry of a ZIP, as text. */
export function readZip(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
