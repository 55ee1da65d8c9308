import { BadRequestException, Body, Controller, Param, ParseBoolPipe, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, GetOne, GetPage, Roles, UserAuth, ApiErrors } from '@fieldwork/server-core';
import { TEMPLATE_CATEGORIES, type Page, type Template, type TemplateCategory } from '@fieldwork/contracts';
import { TemplateDto, UpdateTemplateDto } from './template.dto';
import { TemplatesService } from './templates.service';
import { TemplateBody, TemplatePageBody } from '../homework.responses';

@ApiTags('templates')
@Controller('templates')
@Roles('admin', 'advisor')
@ApiErrors(401, 403)
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @GetPage('', TemplatePageBody)
  list(
    @CurrentUser() auth: UserAuth,
    @Query('category') category?: string,
    @Query('archived', new ParseBoolPipe({ optional: true })) archived?: boolean,
    @Query('cursor') cursor?: string,
    @Query('limit', new ParseIntPipe({ optional: true })) limit?: number,
  ): Promise<Page<Template>> {
    if (category && !(TEMPLATE_CATEGORIES as readonly string[]).includes(category)) {
      throw new BadRequestException(`category must be one of: ${TEMPLATE_CATEGORIES.join(', ')}`);
    }
    return this.templates.list(auth, { category: category as TemplateCategory | undefined, archived, cursor, limit });
  }

  @GetOne(':id', TemplateBody)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<Template> {
    return this.templates.get(auth, id);
  }

  @Post()
  @ApiCreatedResponse({ type: TemplateBody })
  @ApiErrors(400)
  create(@CurrentUser() auth: UserAuth, @Body() body: TemplateDto): Promise<Template> {
    return this.templates.create(auth, body);
  }

  @Patch(':id')
  @ApiOkResponse({ type: TemplateBody })
  @ApiErrors(400, 404)
  update(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: UpdateTemplateDto): Promise<Template> {
    return this.templates.update(auth, id, body);
  }
}
