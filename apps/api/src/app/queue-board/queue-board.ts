import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Controller, HttpCode, Injectable, Module, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig, CurrentOperator, OperatorAuth, QueueService, Roles, TenantDatabase, sessionCookieOptions } from '@fieldwork/server-core';
import { QUEUES } from '@fieldwork/contracts';

export const QUEUE_BOARD_PATH = '/api/admin/queues';
const COOKIE = 'fw_queue_board';
const AUDIENCE = 'fieldwork-queue-board';
const TICKET_SECONDS = 15 * 60;

/**
 * Bull Board shows every tenant's jobs, so only operators may open it. A
 * browser tab can't send the SPA's bearer token, so the signed-in operator asks
 * for a short-lived ticket: an httpOnly, SameSite=Strict cookie scoped to the
 * board's path, checked (and the operator re-read) on every board request.
 */
@Injectable()
export class QueueBoardTickets {
  private readonly jwt: JwtService;

  constructor(
    config: AppConfig,
    private readonly tenantDb: TenantDatabase,
  ) {
    this.jwt = new JwtService({ secret: config.jwtSecret });
  }

  issue(operatorId: string): Promise<string> {
    return this.jwt.signAsync({ sub: operatorId }, { audience: AUDIENCE, expiresIn: TICKET_SECONDS, algorithm: 'HS256' });
  }

  /** The operator id of a valid ticket, or null. */
  async check(ticket: string | undefined): Promise<string | null> {
    if (!ticket) return null;
    try {
      const { sub } = await this.jwt.verifyAsync<{ sub: string }>(ticket, { audience: AUDIENCE, algorithms: ['HS256'] });
      const rows = await this.tenantDb.platform((db) => db.query(`SELECT 1 FROM operators WHERE id = $1`, [sub]));
      return rows.length ? sub : null;
    } catch {
      return null;
    }
  }
}

@ApiTags('platform')
@Controller('admin/queues')
@Roles('operator')
export class QueueBoardController {
  constructor(
    private readonly tickets: QueueBoardTickets,
    private readonly config: AppConfig,
  ) {}

  /** Opens a 15-minute board session for the signed-in operator; the web app then navigates to the board. */
  @Post('session')
  @HttpCode(204)
  async session(@CurrentOperator() operator: OperatorAuth, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    res.cookie(COOKIE, await this.tickets.issue(operator.operatorId), {
      ...sessionCookieOptions(this.config, req, QUEUE_BOARD_PATH),
      maxAge: TICKET_SECONDS * 1000,
    });
  }
}

@Module({ controllers: [QueueBoardController], providers: [QueueBoardTickets], exports: [QueueBoardTickets] })
export class QueueBoardModule {}

/** Mounts Bull Board (every queue of the job registry) behind the operator ticket. */
export function queueBoardMiddleware(queues: QueueService, tickets: QueueBoardTickets) {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(queues.queue(name) as never, { readOnlyMode: false })),
    serverAdapter: adapter,
  });
  const board = adapter.getRouter();
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/session' && req.method === 'POST') return next();
    if (!(await tickets.check(req.cookies?.[COOKIE]))) {
      res
        .status(401)
        .type('text/plain')
        .send('The queue dashboard is for Fieldwork operators. Sign in as an operator and open it with the "Queue dashboard" button on the Tenants page.');
      return;
    }
    board(req, res, next);
  };
}
