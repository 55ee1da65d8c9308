import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public, QueueService } from '@fieldwork/server-core';
import type { HealthResponse } from '@fieldwork/contracts';
import { HealthBody } from './health.responses';

/** A check slower than this counts as down: the whole answer comes in well under 2 s even while PostgreSQL restarts. */
export const HEALTH_CHECK_TIMEOUT_MS = 1_500;

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
      withinTimeout(this.dataSource.query('SELECT 1').then(() => true, () => false), HEALTH_CHECK_TIMEOUT_MS),
      this.queues.ping(HEALTH_CHECK_TIMEOUT_MS),
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

/** The probe's answer, or false when it takes longer than the timeout (the probe itself is left to finish). */
async function withinTimeout(probe: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
