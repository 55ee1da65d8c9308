import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public, QueueService } from '@fieldwork/server-core';
import type { HealthResponse } from '@fieldwork/contracts';
import { HealthBody } from './health.responses';

@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
  ) {}

  /** Database and queue status; 503 when either is down, so a load balancer stops routing here. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthBody })
  @ApiServiceUnavailableResponse({ type: HealthBody, description: 'The database or the queue is down' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const [database, queue] = await Promise.all([
      this.dataSource.query('SELECT 1').then(() => true, () => false),
      this.queues.ping(),
    ]);
    const ok = database && queue;
    if (!ok) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ok ? 'ok' : 'degraded',
      database: { status: database ? 'up' : 'down' },
      queue: { backend: this.queues.backend, status: queue ? 'up' : 'down' },
    };
  }
}
