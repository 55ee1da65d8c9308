import { Body, Controller, Delete, Get, Ip, Param, ParseBoolPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyTenantUser, CurrentUser, GetAllOf, GetOne, NoContent, Roles, UserAuth, ApiErrors, Created, Updated, PageQuery, type PageParams } from '@fieldwork/server-core';
import type { Contact, Interaction, Page } from '@fieldwork/contracts';
import { ContactDto, InteractionDto, UpdateContactDto } from './contact.dto';
import { ContactsService } from './contacts.service';
import { ContactBody, ContactPageBody, InteractionBody } from './network.responses';

@ApiTags('network')
@Controller('contacts')
@ApiErrors(401, 403)
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @AnyTenantUser()
  @Get()
  @ApiOkResponse({ type: ContactPageBody, description: 'A student’s own contacts; staff: a student’s shared contacts (`studentId`)' })
  @ApiErrors(400, 404)
  list(
    @CurrentUser() auth: UserAuth,
    @PageQuery() page: PageParams,
    @Ip() ip: string,
    @Query('q') q?: string,
    @Query('followUpDue', new ParseBoolPipe({ optional: true })) followUpDue?: boolean,
    @Query('studentId', new ParseUUIDPipe({ optional: true })) studentId?: string,
  ): Promise<Page<Contact>> {
    return this.contacts.list(auth, { q, followUpDue, studentId, cursor: page.cursor, limit: page.limit ? Math.min(Math.max(page.limit, 1), 200) : undefined }, ip);
  }

  @Roles('student')
  @Created('', ContactBody, 400)
  create(@CurrentUser() auth: UserAuth, @Body() body: ContactDto): Promise<Contact> {
    return this.contacts.create(auth, body);
  }

  @AnyTenantUser()
  @GetOne(':id', ContactBody)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<Contact> {
    return this.contacts.get(auth, id, ip);
  }

  @Roles('student')
  @Updated('PATCH', ':id', ContactBody, 400, 404)
  update(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: UpdateContactDto): Promise<Contact> {
    return this.contacts.update(auth, id, body);
  }

  @Roles('student')
  @Delete(':id')
  @NoContent('Deleted (with its interactions)', 404)
  remove(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<void> {
    return this.contacts.remove(auth, id);
  }

  @Roles('student')
  @Post(':id/erase')
  @NoContent('Erased: the contact, its interactions and its name in your reflections (they read "contact removed")', 404)
  erase(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<void> {
    return this.contacts.erase(auth, id, ip);
  }

  @AnyTenantUser()
  @GetAllOf(':id/interactions', InteractionBody)
  interactions(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<Interaction[]> {
    return this.contacts.interactions(auth, id);
  }

  @Roles('student')
  @Created(':id/interactions', InteractionBody, 400, 404)
  log(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: InteractionDto): Promise<Interaction> {
    return this.contacts.logInteraction(auth, id, body);
  }
}
