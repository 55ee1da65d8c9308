import { Module } from '@nestjs/common';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

/** The student's network: contacts and their interaction timelines. */
@Module({ controllers: [ContactsController], providers: [ContactsService] })
export class NetworkModule {}
