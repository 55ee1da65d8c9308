import { BadRequestException, Body, Controller, Param, ParseBoolPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, GetOne, GetPage, Roles, UserAuth, ApiErrors, Created, Updated, PageQuery, type PageParams } from '@fieldwork/server-core';
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
    @PageQuery() page: PageParams,
    @Query('category') category?: string,
    @Query('archived', new ParseBoolPipe({ optional: true })) archived?: boolean,
  ): Promise<Page<Template>> {
    if (category && !(TEMPLATE_CATEGORIES as readonly string[]).includes(category)) {
      throw new BadRequestException(`category must be one of: ${TEMPLATE_CATEGORIES.join(', ')}`);
    }
    return this.templates.list(auth, { category: category as TemplateCategory | undefined, archived, ...page });
  }

  @GetOne(':id', TemplateBody)
  get(@CurrentUser() auth: UserAuth, @Param('id') id: string): Promise<Template> {
    return this.templates.get(auth, id);
  }

  @Created('', TemplateBody, 400)
  create(@CurrentUser() auth: UserAuth, @Body() body: TemplateDto): Promise<Template> {
    return this.templates.create(auth, body);
  }

  @Updated('PATCH', ':id', TemplateBody, 400, 404)
  update(@CurrentUser() auth: UserAuth, @Param('id') id: string, @Body() body: UpdateTemplateDto): Promise<Template> {
    return this.templates.update(auth, id, body);
  }
}
