import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { QueueService } from '@fieldwork/server-core';
import { ownerClient, prepareTestDatabase, useTestEnvironment } from '@fieldwork/server-core/testing';
import { NotificationJobs } from '@fieldwork/server-notifications';
import { QUEUES } from '@fieldwork/contracts';
import { WorkerModule } from '../src/app/worker.module';

/** The reminder scan skips a career center that is being closed: its people get no more reminders or digests. */
describe('the reminder scan and closing career centers', () => {
  let worker: INestApplicationContext;
  let owner: Client;

  beforeAll(async () => {
    const config = useTestEnvironment({ QUEUE_PREFIX: `closing-${randomUUID().slice(0, 8)}` });
    await prepareTestDatabase(config);
    owner = await ownerClient(config);
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
  });
  afterAll(async () => {
    await worker.close();
    await owner.end();
  });

  it('adds a remind-tenant job for an open career center, none for a closing one', async () => {
    const open = randomUUID();
    const closing = randomUUID();
    for (const id of [open, closing]) {
      await owner.query(`INSERT INTO tenants (id, slug, name, timezone) VALUES ($1, $2, 'Scan U', 'America/New_York')`, [id, `s-${id.slice(0, 8)}`]);
    }
    await owner.query(`UPDATE tenants SET state = 'closing', closed_at = now(), delete_after = now() + interval '7 days' WHERE id = $1`, [closing]);
    const timestamp = Date.UTC(2026, 10, 30, 10, 5);
    await worker.get(NotificationJobs).scanAllTenants({ timestamp });
    const queue = worker.get(QueueService).queue(QUEUES.notifications);
    const slot = '202611301005';
    expect(await queue.getJob(`remind-${open}-${slot}`)).toBeTruthy();
    expect(await queue.getJob(`remind-${closing}-${slot}`)).toBeFalsy();
  });
});
