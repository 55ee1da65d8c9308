import { Route } from '@angular/router';
import { lazyPage } from '@fieldwork/web-core';

export const templatesRoutes: Route[] = [
  lazyPage('', 'Templates', () => import('./templates-page').then((m) => m.TemplatesPage)),
  lazyPage('new', 'New template', () => import('./template-editor').then((m) => m.TemplateEditor)),
  lazyPage(':id', 'Edit template', () => import('./template-editor').then((m) => m.TemplateEditor)),
];
