import { Controller, Get, Header, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ActionOk, AnyTenantUser, CurrentUser, Public, UserAuth, ApiErrors } from '@fieldwork/server-core';
import type { CalendarLink, CalendarLinkStatus } from '@fieldwork/contracts';
import { CalendarService } from './calendar.service';
import { CalendarLinkBody, CalendarLinkStatusBody } from '../homework.responses';

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @AnyTenantUser()
  @Get('me/calendar')
  @ApiOkResponse({ type: CalendarLinkStatusBody })
  @ApiErrors(401, 403)
  link(@CurrentUser() auth: UserAuth): Promise<CalendarLinkStatus> {
    return this.calendar.link(auth);
  }

  @AnyTenantUser()
  @Post('me/calendar/rotate')
  @ActionOk({ type: CalendarLinkBody, description: 'A new feed URL; the old one stops working' }, 401, 403)
  rotate(@CurrentUser() auth: UserAuth): Promise<CalendarLink> {
    return this.calendar.rotate(auth);
  }

  /** The secret feed itself: no session, the unguessable token is the credential. */
  @Public()
  @Get('calendar/:file')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The ICS feed of due dates', schema: { type: 'string' } })
  @ApiErrors(404)
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  feed(@Param('file') file: string): Promise<string> {
    if (!file.endsWith('.ics')) throw new NotFoundException('No such calendar');
    return this.calendar.feed(file.slice(0, -'.ics'.length));
  }
}
