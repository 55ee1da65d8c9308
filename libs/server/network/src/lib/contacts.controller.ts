import { Body, Controller, Delete, Get, HttpCode, Ip, Param, ParseBoolPipe, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyTenantUser, CurrentUser, Roles, UserAuth } from '@fieldwork/server-core';
import type { Contact, Interaction, Page } from '@fieldwork/contracts';
import { ContactDto, InteractionDto, UpdateContactDto } from './contact.dto';
import { ContactsService } from './contacts.service';
import { ParseIntPipe } from '@nestjs/common';

@ApiTags('network')
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @AnyTenantUser()
  @Get()
  list(
    @CurrentUser() auth: UserAuth,
    @Ip() ip: string,
    @Query('q') q?: string,
    @Query('followUpDue', new ParseBoolPipe({ optional: true })) followUpDue?: boolean,
    @Query('studentId', new ParseUUIDPipe({ optional: true })) studentId?: string,
    @Query('cursor') cursor?: string,
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
  ): Promise<Page<Contact>> {
    return this.contacts.list(auth, { q, followUpDue, studentId, cursor, limit: limit ? Math.min(Math.max(limit, 1), 200) : undefined }, ip);
  }

  @Roles('student')
  @Post()
  create(@CurrentUser() auth: UserAuth, @Body() body: ContactDto): Promise<Contact> {
    return this.contacts.create(auth, body);
  }

  @AnyTenantUser()
  @Get(':id')
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Ip() ip: string): Promise<Contact> {
    return this.contacts.get(auth, id, ip);
  }

  @Roles('student')
  @Patch(':id')
  update(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: UpdateContactDto): Promise<Contact> {
    return this.contacts.update(auth, id, body);
  }

  @Roles('student')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<void> {
    return this.contacts.remove(auth, id);
  }

  @AnyTenantUser()
  @Get(':id/interactions')
  interactions(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<Interaction[]> {
    return this.contacts.interactions(auth, id);
  }

  @Roles('student')
  @Post(':id/interactions')
  log(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: InteractionDto): Promise<Interaction> {
    return this.contacts.logInteraction(auth, id, body);
  }
}
